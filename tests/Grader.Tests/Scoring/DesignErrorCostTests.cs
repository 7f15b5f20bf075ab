using System.Globalization;
using Grader.Core.Mapping;
using Grader.Tests.Support;

namespace Grader.Tests.Scoring;

/// <summary>
/// A design error costs in its own step, in the steps its rubric entry says it drives (base.accuracy-metric drives
/// framing), and in the step whose own heading holds the sentence; its one finding says what it cost in all.
/// </summary>
public class DesignErrorCostTests
{
    private const string Strong = "examples/video-recommendation/strong.md";

    private static Grader.Core.GradeResult Grade(string text) => TestGrader.Engine.Grade(Strong, text);

    [Fact]
    public void Accuracy_as_the_metric_costs_in_evaluation_and_in_framing_and_the_finding_counts_both()
    {
        var clean = Grade(TestGrader.ReadRepoFile(Strong));
        var text = TestGrader.ReadRepoFile(Strong).Replace("## Evaluation\n", "## Evaluation\n\nOur main offline metric is accuracy on the held-out week.\n", StringComparison.Ordinal);
        var wrong = Grade(text);

        var rows = wrong.Score.Steps.SelectMany(s => s.Criteria.Select(c => (s.Step, c))).Where(r => r.c.Criterion.Id == "base.accuracy-metric" && r.c.Score < 0).ToList();
        Assert.Contains(rows, r => r.Step == FrameworkStep.Evaluation);
        Assert.Contains(rows, r => r.Step == FrameworkStep.Framing);
        Assert.True(wrong.Score.Steps[(int)FrameworkStep.Framing].Score < clean.Score.Steps[(int)FrameworkStep.Framing].Score);

        var finding = Assert.Single(wrong.Diagnostics, d => d.CriterionId == "base.accuracy-metric");
        var cost = rows.Sum(r => -r.c.Score);
        Assert.Contains($"({cost.ToString("0.0", CultureInfo.InvariantCulture)} points deducted", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_never_pays_more_than_it_has()
    {
        var text = TestGrader.ReadRepoFile(Strong).Replace("## Evaluation\n", "## Evaluation\n\nOur main offline metric is accuracy on the held-out week.\n", StringComparison.Ordinal);
        var graded = Grade(text);
        Assert.All(graded.Score.Steps, s => Assert.InRange(s.Score, 0, s.Max));
        Assert.All(graded.Score.Steps.SelectMany(s => s.Criteria).Where(c => c.Criterion.Id == "base.accuracy-metric"), c => Assert.True(c.Score <= 0));
    }
}
