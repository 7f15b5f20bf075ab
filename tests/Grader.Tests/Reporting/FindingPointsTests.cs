using Grader.Core.Diagnostics;
using Grader.Core.Reporting;
using Grader.Tests.Support;

namespace Grader.Tests.Reporting;

/// <summary>Every finding that costs points says how many, analyzer findings included.</summary>
public class FindingPointsTests
{
    [Fact]
    public void Analyzer_findings_that_explain_lost_points_say_how_many_in_console_markdown_and_github()
    {
        var result = TestGrader.Engine.Grade("weak.md", TestGrader.ReadRepoFile("examples/video-recommendation/weak.md"));
        var costly = result.Diagnostics.Where(d => d.CriterionId is null && FindingPoints.Lost(result, d) >= 0.05).ToList();
        Assert.Contains(costly, d => d.Id == DiagnosticIds.NoQuantifiedRequirements);
        Assert.Contains(costly, d => d.Id == DiagnosticIds.StepMissing);

        foreach (var format in new[] { "console", "markdown", "github" })
        {
            var (_, output, _) = TestGrader.RunCli("check", "examples/video-recommendation/weak.md", "--format", format);
            var lines = output.Split('\n').Where(l => l.Contains(DiagnosticIds.NoQuantifiedRequirements, StringComparison.Ordinal)).ToList();
            Assert.NotEmpty(lines);
            Assert.All(lines, l => Assert.Matches(@"\(\d+\.\d points lost\)$", l.TrimEnd()));
        }

        // A finding that costs nothing says nothing about points.
        var free = result.Diagnostics.Where(d => d.CriterionId is null && FindingPoints.Lost(result, d) == 0);
        Assert.All(free, d => Assert.Equal(d.Message, FindingPoints.Message(result, d)));
    }
}
