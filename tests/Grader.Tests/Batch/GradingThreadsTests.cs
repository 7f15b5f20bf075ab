using Grader.Core.Runs;

namespace Grader.Tests.Batch;

/// <summary>
/// Grading threads are kept between answers (their thread-local caches with them), and a grade that never returns
/// holds only its own thread: the next answer gets another at once.
/// </summary>
public class GradingThreadsTests
{
    [Fact]
    public async Task Answers_graded_one_after_another_run_on_the_same_thread()
    {
        var threads = new GradingThreads();
        var first = await threads.Run(() => Environment.CurrentManagedThreadId);
        var second = await threads.Run(() => Environment.CurrentManagedThreadId);

        Assert.Equal(first, second);
        Assert.NotEqual(Environment.CurrentManagedThreadId, first);
    }

    [Fact]
    public async Task A_grade_that_never_returns_does_not_hold_up_the_next()
    {
        var threads = new GradingThreads();
        using var release = new ManualResetEventSlim();
        var stuck = threads.Run(() => release.Wait(TimeSpan.FromSeconds(30)));
        var next = threads.Run(() => 42);

        Assert.Equal(42, await next.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(stuck.IsCompleted);
        release.Set();
        Assert.True(await stuck.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_grade_that_throws_fails_its_own_task_and_the_thread_goes_on()
    {
        var threads = new GradingThreads();
        var failed = threads.Run<int>(() => throw new InvalidOperationException("broken answer"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failed);
        Assert.Equal("broken answer", error.Message);
        Assert.Equal(7, await threads.Run(() => 7).WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
