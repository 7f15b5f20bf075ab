using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Grader.Tests.Support;

namespace Grader.Tests.Hostile;

/// <summary>
/// Shapes that used to cost quadratic time are capped with a located MLSD0012, and an answer that runs over its time
/// budget becomes an error of its own while the rest of the batch is graded. Timings live in bench/hostile; the only
/// clock here is a generous upper bound.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class BoundedWorkTests : IDisposable
{
    private readonly TempFolder _tree = new();

    public void Dispose() => _tree.Dispose();

    private string Write(string name, string text)
    {
        var path = Path.Combine(_tree.Root, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static JsonElement Graded(string path)
    {
        var (exit, output, error) = TestGrader.RunCli("check", path, "--format", "json");
        Assert.True(exit == 0, error);
        return JsonDocument.Parse(output).RootElement.GetProperty("documents")[0];
    }

    private static JsonElement Limit(JsonElement document) =>
        document.GetProperty("diagnostics").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "MLSD0012");

    private static (int Line, int Column) At(JsonElement diagnostic) => (diagnostic.GetProperty("line").GetInt32(), diagnostic.GetProperty("column").GetInt32());

    [Fact]
    public void Front_matter_nested_past_32_levels_is_reported_where_it_passes_and_the_keys_before_it_are_kept()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);
        var document = Graded(Write("deep.md", $"---\nproblem: news-feed\nx: {deep}\n---\n\n## Model\n\nA ranking model trained on clicks.\n"));
        var limit = Limit(document);
        // Line 3 holds "x: [[[...": the top-level mapping is level 1, so the 32nd '[' (column 35) opens level 33.
        Assert.Equal((3, 35), At(limit));
        Assert.Contains("deeper than 32 levels", limit.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("front-matter", document.GetProperty("problem").GetProperty("source").GetString());
    }

    [Fact]
    public void Front_matter_nested_32_levels_is_read_without_a_finding()
    {
        var nested = new string('[', 31) + new string(']', 31);
        var document = Graded(Write("ok.md", $"---\nproblem: news-feed\nx: {nested}\n---\n\n## Model\n\nA ranking model.\n"));
        Assert.DoesNotContain(document.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("id").GetString() is "MLSD0012" or "MLSD0001");
    }

    [Fact]
    public void A_table_row_past_200_cells_is_reported_at_the_201st_separator_and_the_rest_is_graded()
    {
        var row = "|" + string.Concat(Enumerable.Repeat(" a |", 1_000)) + "\n";
        var text = "## Evaluation\n\n" + row + "|" + string.Concat(Enumerable.Repeat("---|", 1_000)) + "\n" + row
            + "\nWe measure recall at 10 offline and click-through rate in an A/B test.\n";
        var document = Graded(Write("wide.md", text));
        // The 201st '|' of line 3 follows 200 cells of " a |" after the opening one.
        Assert.Equal((3, 1 + (200 * 4)), At(Limit(document)));
        Assert.True(document.GetProperty("score").GetProperty("total").GetDouble() > 0);
    }

    [Fact]
    public void A_table_of_200_cells_is_a_normal_table()
    {
        var row = "|" + string.Concat(Enumerable.Repeat(" a |", 199)) + "\n";
        var document = Graded(Write("table.md", "## Evaluation\n\n" + row + "|" + string.Concat(Enumerable.Repeat("---|", 199)) + "\n" + row));
        Assert.DoesNotContain(document.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("id").GetString() == "MLSD0012");
    }

    [Fact]
    public void Past_the_unit_limit_nothing_more_is_graded_and_the_place_is_reported()
    {
        // 30,000 one-sentence sections: the first 10,000 (20,000 units with their headings) are graded.
        var text = new StringBuilder();
        for (var i = 1; i <= 30_000; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"## Part {i}\n\nWe train the model on logged clicks.\n\n");
        }

        var document = Grader.Core.Parsing.MarkdownParser.Parse("long.md", text.ToString());
        Assert.Equal(Grader.Core.Parsing.MarkdownParser.MaxUnits, document.Units.Length);
        var issue = Assert.Single(document.Issues, i => i.Code == "limit");
        Assert.Equal(40_001, issue.Span.Line);
        Assert.Contains("nothing from here on is graded", issue.Message, StringComparison.Ordinal);
        Assert.True(document.Units[^1].Span.Line < issue.Span.Line);

        var small = Grader.Core.Parsing.MarkdownParser.Parse("short.md", "## Model\n\nWe train the model on logged clicks.\n");
        Assert.DoesNotContain(small.Issues, i => i.Code == "limit");
    }

    [Fact]
    public void Reference_definitions_past_500_are_read_as_text_from_the_501st()
    {
        var text = new StringBuilder("## Data\n\n");
        for (var i = 1; i <= 20_000; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"[r{i}]: http://example.com/{i}\n");
        }

        // Two lines of heading and blank, then definition 501 on line 503.
        Assert.Equal((503, 1), At(Limit(Graded(Write("refs.md", text.ToString())))));
    }

    [Fact]
    public void Underlined_headings_past_100_are_reported_and_read_as_rules()
    {
        var text = string.Concat(Enumerable.Range(1, 3_000).Select(i => $"Heading {i}\n---\n\nSome text about the model.\n\n"));
        var document = Graded(Write("setext.md", text));
        // Each heading takes five lines; the 101st underline is line 502.
        Assert.Equal((502, 1), At(Limit(document)));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void An_answer_past_its_time_budget_is_an_error_and_the_others_are_graded()
    {
        // A FIFO nobody writes to never finishes reading: the budget, not the 10 s read limit, ends it.
        var fifo = Path.Combine(_tree.Root, "stuck.md");
        using (var mkfifo = Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
        }

        var good = Write("good.md", TestGrader.ReadRepoFile("examples/news-feed/strong.md"));
        var timer = Stopwatch.StartNew();
        var (exit, output, error) = TestGrader.RunCli("check", good, fifo, "--answer-timeout", "1", "--format", "json");
        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(9), $"took {timer.Elapsed}");
        Assert.Equal(2, exit);
        Assert.Contains("stuck.md: was not graded within the 1 s answer budget (--answer-timeout)", error, StringComparison.Ordinal);
        var documents = JsonDocument.Parse(output).RootElement.GetProperty("documents");
        Assert.Equal(1, documents.GetArrayLength());
        Assert.EndsWith("good.md", documents[0].GetProperty("path").GetString(), StringComparison.Ordinal);
        Assert.True(documents[0].GetProperty("score").GetProperty("total").GetDouble() > 50);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("soon")]
    public void A_negative_or_non_numeric_answer_timeout_is_refused(string value)
    {
        var (exit, _, error) = TestGrader.RunCli("check", Write("a.md", "## Model\n\nA model.\n"), "--answer-timeout", value);
        Assert.Equal(2, exit);
        Assert.Contains("--answer-timeout", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_engine_stops_at_its_next_check_once_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        Assert.Throws<OperationCanceledException>(() =>
            TestGrader.Engine.Grade("a.md", TestGrader.ReadRepoFile("examples/news-feed/strong.md"), null, null, cancel.Token));
    }
}
