using System.Globalization;
using System.Text;
using Grader.Core;
using Grader.Tests.Support;

namespace Grader.Tests.Scoring;

/// <summary>
/// The parser, the step decoder and the repetition check lend each grade lists and tables the thread keeps. A grade must
/// never depend on what its thread graded before: each example is graded on a thread of its own, and again on one thread
/// after a larger answer made of the examples' own sentences, tables and sections has grown every kept list.
/// </summary>
public sealed class ThreadScratchTests
{
    [Fact]
    public void A_grade_does_not_depend_on_what_its_thread_graded_before()
    {
        var examples = TestGrader.ExampleFiles().Select(f => (File: f, Text: TestGrader.ReadRepoFile(f))).ToList();
        var alone = examples.Select(e => OnNewThread(() => Summary(TestGrader.Engine.Grade(e.File, e.Text)))).ToList();

        var afterOthers = OnNewThread(() =>
        {
            _ = TestGrader.Engine.Grade("large.md", LargeAnswer(examples.Select(e => e.Text)));
            return examples.Select(e => Summary(TestGrader.Engine.Grade(e.File, e.Text))).ToList();
        });

        Assert.Equal(alone, afterOthers);
    }

    // The score, every step's, and every finding with its place and words.
    private static string Summary(GradeResult result) =>
        string.Join('\n', new[] { result.Score.Total.ToString("R", CultureInfo.InvariantCulture) }
            .Concat(result.Score.Steps.Select(s => s.ToString()))
            .Concat(result.Diagnostics.Select(d => $"{d.Id} {d.Span} {d.Message}")));

    // Every example three times over, front matter dropped: larger than any of them, and holding each one's sentences
    // many times, so a table kept from it would answer for them.
    private static string LargeAnswer(IEnumerable<string> examples)
    {
        var text = new StringBuilder();
        for (var round = 0; round < 3; round++)
        {
            foreach (var example in examples)
            {
                var body = example.StartsWith("---", StringComparison.Ordinal) && example.IndexOf("\n---", 3, StringComparison.Ordinal) is var end and > 0
                    ? example[(end + 4)..]
                    : example;
                text.Append(body).Append("\n\n");
            }
        }

        return text.ToString();
    }

    private static T OnNewThread<T>(Func<T> work)
    {
        T result = default!;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        return failure is null ? result : throw new InvalidOperationException("grading failed on its thread", failure);
    }
}
