using System.Globalization;
using System.Text;
using Grader.Core;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;
using Grader.Core.Reporting;
using Grader.Core.Rubrics.Kinds;
using Grader.Tests.Support;

namespace Grader.Tests.Scoring;

public class ScoringTests
{
    public static TheoryData<string> Examples() => [.. TestGrader.ExampleFiles()];

    private static GradeResult GradeFile(string file) => TestGrader.Engine.Grade(file, TestGrader.ReadRepoFile(file));

    [Theory]
    [MemberData(nameof(Examples))]
    public void Removing_any_present_step_lowers_a_complete_answer_and_never_raises_any(string file)
    {
        var full = GradeFile(file);
        var complete = Path.GetFileName(file).StartsWith("strong", StringComparison.Ordinal);
        foreach (var step in FrameworkSteps.All)
        {
            if (!StepRemoval.Extents(full, step).Any())
            {
                continue;
            }

            var without = TestGrader.Engine.Grade(file, StepRemoval.Remove(full, step), full.Problem.Source == "default" ? null : full.Problem.Id);

            // A weak answer's buzzword-only section earns nothing, so cutting it may leave the score as it was; cutting a
            // design error gives back what it cost, and no more. The mapping is one decision over the whole answer, so
            // cutting a section can make the placement of the rest a little surer or less sure: at most 0.2 points.
            var extents = StepRemoval.Extents(full, step).ToList();
            var errorsCut = full.Score.Steps.SelectMany(s => s.Criteria)
                .Where(c => c.Criterion.Deducts() && c.Score < 0 && c.Evidence.Any(e => extents.Any(x => e.Line >= x.First && e.Line <= x.Last)))
                .Sum(c => -c.Score);
            Assert.True(complete ? without.Score.Total < full.Score.Total : without.Score.Total <= full.Score.Total + errorsCut + 0.2,
                $"{file} without {step}: {without.Score.Total} vs {full.Score.Total} (design errors cut: {errorsCut})");
        }
    }

    [Fact]
    public void Strong_answers_outscore_weak_ones_by_a_wide_margin()
    {
        foreach (var folder in TestGrader.ExampleFiles().GroupBy(f => Path.GetDirectoryName(f)!))
        {
            var strong = folder.SingleOrDefault(f => f.EndsWith("/strong.md", StringComparison.Ordinal));
            var weak = folder.SingleOrDefault(f => f.EndsWith("/weak.md", StringComparison.Ordinal));
            if (strong is null || weak is null)
            {
                continue;
            }

            var (s, w) = (GradeFile(strong).Score.Total, GradeFile(weak).Score.Total);
            Assert.True(s - w >= 30, $"{folder.Key}: strong {s} vs weak {w}");
        }
    }

    [Fact]
    public void Every_point_lost_is_explained_by_a_reported_diagnostic()
    {
        foreach (var file in TestGrader.ExampleFiles())
        {
            var graded = GradeFile(file);
            // A penalty or design error loses what it deducts (a negative score); any other criterion what it did not earn.
            foreach (var criterion in graded.Score.Steps.SelectMany(s => s.Criteria)
                .Where(c => Grader.Core.Scoring.Scorer.Round(c.Criterion.Deducts() ? -c.Score : c.Points - c.Score) > 0))
            {
                Assert.NotNull(criterion.ExplainedBy);
                Assert.Contains(graded.Diagnostics, d => d.Id == criterion.ExplainedBy
                    && (d.Step == criterion.Criterion.Step || d.CriterionId == criterion.Criterion.Id || d.Step is null || d.Id.StartsWith("MLSD02", StringComparison.Ordinal)));
            }
        }
    }

    [Fact]
    public void Step_scores_add_up_to_the_total_and_stay_in_range()
    {
        foreach (var file in TestGrader.ExampleFiles())
        {
            var card = GradeFile(file).Score;
            Assert.Equal(100, card.Max);
            Assert.InRange(card.Total, 0, 100);
            Assert.Equal(card.Total, card.Steps.Sum(s => s.Score), 0.5);
            Assert.All(card.Steps, s => Assert.InRange(s.Score, 0, s.Max));
        }
    }

    [Fact]
    public void Keywords_in_a_bare_term_list_earn_nothing()
    {
        const string answer = "## Monitoring\n\nWe look at the service every morning and fix what looks broken to us.\n";
        var plain = TestGrader.Grade(answer);
        var stuffed = TestGrader.Grade(answer + "\n- data drift\n- concept drift\n- retraining\n- alerts\n- dashboards\n- feedback loop\n");
        var prose = TestGrader.Grade(answer + "\nWe alert when data drift passes a threshold and retrain weekly after a shadow comparison.\n");
        Assert.Equal(plain.Score.Steps[6].Score, stuffed.Score.Steps[6].Score);
        Assert.True(prose.Score.Steps[6].Score > plain.Score.Steps[6].Score);
    }

    [Fact]
    public void A_step_nothing_is_said_of_scores_zero_and_is_reported_as_missing()
    {
        var graded = TestGrader.Grade("## Requirements\n\nWe serve 10M daily users with a 200 ms p99 latency budget for the feed.\n");
        var model = graded.Score.Steps[(int)FrameworkStep.Model];
        Assert.Equal(0, model.Score);
        Assert.Null(model.Heading);
        Assert.Null(model.Line);
        Assert.All(model.Criteria.Where(c => !c.Criterion.Deducts()), c => Assert.Equal(DiagnosticIds.StepMissing, c.ExplainedBy));
    }

    [Fact]
    public void A_step_without_a_section_earns_what_is_said_of_it_elsewhere_at_a_share()
    {
        // No cliffs: the latency budget stated in requirements is a serving figure too, found outside its step.
        const string Text = "## Requirements\n\nWe serve 10M daily users with a 200 ms p99 latency budget for the feed.\n";
        var serving = TestGrader.Grade(Text).Score.Steps[(int)FrameworkStep.Serving];
        var latency = serving.Criteria.Single(c => c.Criterion.Id == "serving.latency");
        Assert.Equal(1.0, latency.Fraction);
        Assert.InRange(serving.Score, 0.1, serving.Max / 4);
        Assert.Equal(DiagnosticIds.StepMissing, serving.Criteria.First(c => c.Criterion.Id == "serving.rollout").ExplainedBy);
    }

    [Fact]
    public void Terms_used_in_another_role_earn_less_for_a_step_the_answer_leaves_empty()
    {
        // "Log loss" as the training loss and "drift" in the data section are not an evaluation or monitoring plan.
        const string Model = "## Model\n\nWe train the ranker with log loss and watch for drift in the click labels, because clicks shift with seasons.\n";
        const string Evaluation = "\n## Evaluation\n\nWe judge the ranker on the next week of logs, held out by time, so that the offline check matches launch.\n";
        var empty = TestGrader.Grade(Model + "\n## Evaluation\n\nTBD\n");
        var present = TestGrader.Grade(Model + Evaluation);
        double Metrics(GradeResult r) => r.Score.Steps[(int)FrameworkStep.Evaluation].Criteria.Single(c => c.Criterion.Id == "evaluation.offline").Fraction;
        Assert.True(Metrics(empty) > 0, "the term still shows some knowledge");
        Assert.True(Metrics(present) >= 2 * Metrics(empty), $"present {Metrics(present)} vs empty {Metrics(empty)}");
    }

    [Fact]
    public void Sub_sections_of_one_step_are_reported_as_one_stretch()
    {
        // A report's size follows the answer's steps, not its headings: 300 sub-sections make one range.
        var parts = string.Concat(Enumerable.Range(1, 300).Select(i => $"### Part {i}\n\nWe train the ranking model with a weighted loss and tune its depth.\n\n"));
        var model = TestGrader.Grade("## Model\n\n" + parts).Score.Steps[(int)FrameworkStep.Model];
        var segment = Assert.Single(model.Mapping!.Segments);
        Assert.InRange(segment.Line, 1, 5);
        Assert.True(segment.EndLine >= 1200, $"ends at {segment.EndLine}");
    }

    [Fact]
    public void Same_input_gives_the_same_bytes_in_any_culture()
    {
        var text = TestGrader.ReadRepoFile("examples/video-recommendation/strong.md");
        var first = Json(TestGrader.Engine.Grade("a.md", text));
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var second = Json(TestGrader.Engine.Grade("a.md", text));
            Assert.Equal(first, second);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    private static string Json(GradeResult result)
    {
        using var stream = new MemoryStream();
        JsonReportWriter.Write(stream, [result], []);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
