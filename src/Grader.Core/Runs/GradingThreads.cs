using System.Collections.Concurrent;

namespace Grader.Core.Runs;

/// <summary>
/// Threads that grade answer after answer, shared by every run in the process. A thread made for each answer started
/// with empty thread-local caches (the matchers' scratch arrays, pooled buffers) and cost 13% of a 1,000-answer batch's
/// wall time; these keep theirs. A grade never waits for a thread: when none is idle a new one is made, so an abandoned
/// grade (past its budget) holds only its own until it stops.
/// </summary>
internal sealed class GradingThreads
{
    private readonly ConcurrentStack<Worker> _idle = new();

    public static GradingThreads Shared { get; } = new();

    public Task<T> Run<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var worker = _idle.TryPop(out var idle) ? idle : new Worker(this);
        T result = default!;
        Exception? failure = null;
        worker.Post(
            () =>
            {
                try
                {
                    result = work();
                }
#pragma warning disable CA1031 // Handed to the waiting caller, which decides.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    failure = ex;
                }
            },
            () =>
            {
                if (failure is null)
                {
                    done.SetResult(result);
                }
                else
                {
                    done.SetException(failure);
                }
            });
        return done.Task;
    }

    private sealed class Worker
    {
        private readonly object _gate = new();
        private (Action Run, Action Complete)? _work;

        public Worker(GradingThreads owner) =>
            new Thread(() =>
            {
                while (true)
                {
                    (Action Run, Action Complete) work;
                    lock (_gate)
                    {
                        while (_work is null)
                        {
                            Monitor.Wait(_gate);
                        }

                        work = _work.Value;
                        _work = null;
                    }

                    work.Run();
                    // Idle again before the caller hears of the result, so its next answer finds this thread.
                    owner._idle.Push(this);
                    work.Complete();
                }
            })
            { IsBackground = true, Name = "grader" }.Start();

        public void Post(Action run, Action complete)
        {
            lock (_gate)
            {
                _work = (run, complete);
                Monitor.Pulse(_gate);
            }
        }
    }
}
