using Grader.Core.Configuration;
using Grader.Core.Runs;
using Grader.Tests.Support;

namespace Grader.Tests.Batch;

/// <summary>
/// The windowed batch hands back every answer once, in input order, however the grading threads are scheduled and
/// whatever the window's size. A consumer that asks for the next window at once is the case that once read a loop
/// variable already moved on (windows skipped, or an overflow on a negative slice).
/// </summary>
public class WindowTests
{
    [Theory]
    [InlineData(2, 129, null)]
    [InlineData(4, 1, null)]
    [InlineData(3, 50, 1)]
    [InlineData(2, 41, 64)]
    public Task Every_answer_comes_back_once_in_input_order(int jobs, int count, int? window) => GradeInWindows(jobs, count, window);

    [Fact]
    public void A_caller_that_stops_early_lets_the_graders_go_without_grading_the_rest()
    {
        // Windows of four, two graders: taking one window and stopping grades at most the two windows the graders may
        // run ahead past it, not the batch, and returns once the graders have stopped.
        using var tree = new TempFolder();
        var items = Items(tree, 200);
        var graded = 0;
        var run = new CheckRun(new CheckRunOptions([], "news-feed", 2, 1 << 20));
        using (var windows = run.GradeInWindows(items, () => Interlocked.Increment(ref graded), window: 4).GetEnumerator())
        {
            Assert.True(windows.MoveNext());
            Assert.Equal(items.Take(4).Select(i => i.Path), windows.Current.Select(r => r.Result!.Path));

            // Time in which graders without a bound would grade the whole batch.
            Thread.Sleep(200);
            Assert.InRange(Volatile.Read(ref graded), 4, 12);
        }

        var after = Volatile.Read(ref graded);
        Assert.InRange(after, 4, 12);
        Thread.Sleep(50);
        Assert.Equal(after, Volatile.Read(ref graded));
    }

    // Five passes over 300 answers on one thread: the long single-threaded case, in the slow suite.
    [Fact]
    [Trait("Category", "Slow")]
    public Task Every_answer_of_a_long_single_threaded_batch_comes_back_once_in_input_order() => GradeInWindows(1, 300, null);

    [Fact]
    public async Task A_failing_progress_callback_reaches_the_caller_instead_of_a_wait_for_answers_no_one_grades()
    {
        using var tree = new TempFolder();
        var items = Items(tree, 100);
        var calls = 0;
        var run = new CheckRun(new CheckRunOptions([], "news-feed", 2, 1 << 20));
        var reading = Task.Run(() => run.GradeInWindows(items, () =>
        {
            if (Interlocked.Increment(ref calls) == 3)
            {
                throw new InvalidOperationException("progress failed");
            }
        }, window: 4).SelectMany(w => w).Count());

        // Twenty seconds stand for "never": the batch itself takes well under one.
        Assert.Same(reading, await Task.WhenAny(reading, Task.Delay(TimeSpan.FromSeconds(20))));
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => reading);
        Assert.Equal("progress failed", failure.Message);
    }

    private static List<CheckRun.Item> Items(TempFolder tree, int count) =>
        [.. Enumerable.Range(0, count)
            .Select(i => new CheckRun.Item(tree.Write($"a-{i:D3}.md", $"## Model\n\nAnswer {i}.\n"), GraderConfig.Default, TestGrader.Engine))];

    private static async Task GradeInWindows(int jobs, int count, int? window)
    {
        using var tree = new TempFolder();
        var items = Items(tree, count);

        for (var run = 0; run < 5; run++)
        {
            // Keep the pool busy so the next window's task tends to start late.
            var busy = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(() => Thread.Sleep(20))).ToArray();
            var paths = new CheckRun(new CheckRunOptions([], "news-feed", jobs, 1 << 20)).GradeInWindows(items, window: window)
                .SelectMany(w => w)
                .Select(r => r.Result!.Path)
                .ToList();
            await Task.WhenAll(busy);

            Assert.Equal(items.Select(i => i.Path), paths);
        }
    }
}
