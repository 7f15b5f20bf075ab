using Grader.Cli;
using Grader.Core.Configuration;
using Grader.Tests.Support;

namespace Grader.Tests.Batch;

/// <summary>
/// The windowed batch hands back every answer once, in input order, however the next window's task is scheduled.
/// A consumer that asks for the next window at once is the case that once read a loop variable already moved on
/// (windows skipped, or an overflow on a negative slice).
/// </summary>
public class WindowTests
{
    [Theory]
    [InlineData(2, 129)]
    [InlineData(4, 1)]
    public Task Every_answer_comes_back_once_in_input_order(int jobs, int count) => GradeInWindows(jobs, count);

    // Five passes over 300 answers on one thread: the long single-threaded case, in the slow suite.
    [Fact]
    [Trait("Category", "Slow")]
    public Task Every_answer_of_a_long_single_threaded_batch_comes_back_once_in_input_order() => GradeInWindows(1, 300);

    private static async Task GradeInWindows(int jobs, int count)
    {
        using var tree = new TempFolder();
        var items = Enumerable.Range(0, count)
            .Select(i => new BatchGrader.Item(tree.Write($"a-{i:D3}.md", $"## Model\n\nAnswer {i}.\n"), GraderConfig.Default, TestGrader.Engine))
            .ToList();

        for (var run = 0; run < 5; run++)
        {
            // Keep the pool busy so the next window's task tends to start late.
            var busy = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Task.Run(() => Thread.Sleep(20))).ToArray();
            var paths = BatchGrader.GradeInWindows(items, "news-feed", jobs, 1 << 20)
                .SelectMany(w => w)
                .Select(r => r.Result!.Path)
                .ToList();
            await Task.WhenAll(busy);

            Assert.Equal(items.Select(i => i.Path), paths);
        }
    }
}
