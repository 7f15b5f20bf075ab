using System.Text.Json;
using Grader.Tests.Support;

namespace Grader.Tests.Comparison;

public class BaselineTests
{
    [Theory]
    [InlineData("json")]
    [InlineData("sarif")]
    public void With_a_baseline_only_findings_new_since_then_are_reported(string baselineFormat)
    {
        using var tree = new TempFolder();
        var answer = tree.Copy("examples/video-recommendation/strong.md", "answer.md");
        var baseline = Path.Combine(tree.Root, $"baseline.{baselineFormat}");
        Assert.Equal(0, TestGrader.RunCli("check", answer, "--format", baselineFormat, "--output", baseline).Exit);

        // The revision loses its monitoring section: its findings are new; everything else was there before.
        var text = File.ReadAllText(answer);
        var cut = text.IndexOf("## Monitoring", StringComparison.Ordinal);
        File.WriteAllText(answer, text[..cut]);
        var (_, output, _) = TestGrader.RunCli("check", answer, "--baseline", baseline, "--format", "json");
        var diagnostics = JsonDocument.Parse(output).RootElement.GetProperty("documents")[0].GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.NotEmpty(diagnostics);
        Assert.All(diagnostics, d => Assert.Equal("new", d.GetProperty("baselineState").GetString()));
        Assert.Contains(diagnostics, d => d.GetProperty("id").GetString() == "MLSD0101" && d.GetProperty("section").GetString() == "monitoring");
        var unchanged = JsonDocument.Parse(TestGrader.RunCli("check", answer, "--format", "json").Out).RootElement.GetProperty("documents")[0].GetProperty("diagnostics").GetArrayLength();
        Assert.True(diagnostics.Count < unchanged, $"{diagnostics.Count} new of {unchanged}");

        var sarif = JsonDocument.Parse(TestGrader.RunCli("check", answer, "--baseline", baseline, "--format", "sarif").Out).RootElement;
        Assert.All(sarif.GetProperty("runs")[0].GetProperty("results").EnumerateArray(), r => Assert.Equal("new", r.GetProperty("baselineState").GetString()));
    }

    [Fact]
    public void An_unreadable_baseline_is_bad_input()
    {
        using var tree = new TempFolder();
        var bogus = tree.Write("baseline.json", "{\"hello\": 1}");
        var (exit, _, error) = TestGrader.RunCli("check", "examples/news-feed/strong.md", "--baseline", bogus);
        Assert.Equal(2, exit);
        Assert.Contains("neither a Grader JSON report nor a SARIF log", error, StringComparison.Ordinal);
    }
}
