using System.Text.Json;
using Grader.Tests.Support;

namespace Grader.Tests.Batch;

public class BatchTests
{
    private static TempFolder Batch()
    {
        var tree = new TempFolder();
        foreach (var problem in new[] { "news-feed", "fraud-detection", "spam-detection" })
        {
            tree.Copy($"examples/{problem}/strong.md", $"answers/{problem}.md");
            tree.Copy($"examples/{problem}/weak.md", $"answers/{problem}-weak.md");
        }

        File.WriteAllBytes(Path.Combine(tree.Root, "answers", "image.md"), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]);
        Directory.CreateDirectory(Path.Combine(tree.Root, "answers", "folder.md"));
        tree.Write("answers/empty.md", "");
        return tree;
    }

    private static JsonElement Json(string output) => JsonDocument.Parse(output).RootElement;

    [Fact]
    [Trait("Category", "Slow")]
    public void Broken_files_get_their_own_errors_and_the_others_are_graded_exactly_as_alone()
    {
        using var tree = Batch();
        var (exit, output, error) = TestGrader.RunCli("check", Path.Combine(tree.Root, "answers"), Path.Combine(tree.Root, "missing.md"), "--format", "json");
        Assert.Equal(2, exit);
        Assert.Contains("missing.md", error, StringComparison.Ordinal);
        var json = Json(output);
        var documents = json.GetProperty("documents").EnumerateArray().ToList();
        Assert.Equal(7, documents.Count); // six answers and the empty file (which scores 0)
        foreach (var doc in documents)
        {
            var path = doc.GetProperty("path").GetString()!;
            var alone = Json(TestGrader.RunCli("check", path, "--format", "json").Out).GetProperty("documents")[0];
            Assert.Equal(alone.GetProperty("score").GetRawText(), doc.GetProperty("score").GetRawText());
        }

        var errors = json.GetProperty("errors").EnumerateArray().ToList();
        Assert.Contains(errors, e => e.GetProperty("path").GetString()!.EndsWith("missing.md", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.GetProperty("path").GetString()!.EndsWith("image.md", StringComparison.Ordinal)
            && e.GetProperty("message").GetString()!.Contains("binary", StringComparison.Ordinal));
    }

    [Fact]
    public void Output_order_is_stable_whatever_the_parallelism()
    {
        using var tree = Batch();
        var folder = Path.Combine(tree.Root, "answers");
        var one = TestGrader.RunCli("check", folder, "--format", "json", "--jobs", "1").Out;
        var four = TestGrader.RunCli("check", folder, "--format", "json", "--jobs", "4").Out;
        Assert.Equal(one, four);
    }

    [Fact]
    public void Globs_expand_and_a_console_batch_ends_with_a_summary_table()
    {
        using var tree = Batch();
        var (_, output, _) = TestGrader.RunCli("check", Path.Combine(tree.Root, "answers", "*-weak.md"));
        Assert.Contains("Summary", output, StringComparison.Ordinal);
        // One summary row per answer (the per-answer table titles, "path — problem (source)", are not rows).
        Assert.Equal(3, output.Split('\n').Count(l => l.Contains("-weak.md ", StringComparison.Ordinal) && !l.Contains(" — ", StringComparison.Ordinal)));
        Assert.Equal(2, TestGrader.RunCli("check", Path.Combine(tree.Root, "nothing", "*.md")).Exit);
    }

    [Fact]
    public void Several_formats_go_to_their_files_in_one_run_and_a_csv_summary_beside_them()
    {
        using var tree = Batch();
        var folder = Path.Combine(tree.Root, "answers");
        var json = Path.Combine(tree.Root, "out", "a.json");
        var junit = Path.Combine(tree.Root, "out", "a.xml");
        var csv = Path.Combine(tree.Root, "out", "summary.csv");
        var (_, output, _) = TestGrader.RunCli("check", Path.Combine(folder, "news-feed.md"), Path.Combine(folder, "spam-detection.md"),
            "--format", "json", "--output", json, "--format", "junit", "--output", junit, "--format", "markdown", "--summary-csv", csv);
        Assert.StartsWith("## Grader report", output, StringComparison.Ordinal);
        Assert.Equal(2, Json(File.ReadAllText(json)).GetProperty("documents").GetArrayLength());
        Assert.Contains("<testsuites name=\"grader\"", File.ReadAllText(junit), StringComparison.Ordinal);
        var rows = File.ReadAllLines(csv);
        Assert.Equal("file,problem,source,score,band,errors,warnings,suppressed", rows[0]);
        Assert.Equal(3, rows.Length);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(tree.Root, "out"), "*.tmp"));
    }

    [Fact]
    public void Two_reports_cannot_both_go_to_standard_output()
    {
        var (exit, _, error) = TestGrader.RunCli("check", "examples/news-feed/strong.md", "--format", "json", "--format", "sarif");
        Assert.Equal(2, exit);
        Assert.Contains("standard output", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("error", 0)]
    [InlineData("warning", 1)]
    [InlineData("none", 0)]
    public void Fail_on_sets_the_severity_that_fails_the_run(string failOn, int expected) =>
        Assert.Equal(expected, TestGrader.RunCli("check", "examples/news-feed/weak.md", "--fail-on", failOn).Exit);
}
