using Grader.Core.Runs;
using Grader.Tests.Support;

namespace Grader.Tests.Batch;

/// <summary>
/// A run checks its --problem against the rubrics of every answer it grades, whatever order they come in. (It once
/// checked the first answer's only: "could not be graded (ArgumentException)" in one order, "unknown problem" in the
/// other.)
/// </summary>
public class CheckRunTests
{
    private const string Rubric = CustomRubrics.CapacityPlanning;

    private const string Answer = CustomRubrics.ServingWithoutGpuHours;

    [Theory]
    [InlineData("a/one.md", "b/two.md")]
    [InlineData("b/two.md", "a/one.md")]
    public void A_problem_the_rubrics_do_not_define_is_the_same_usage_error_in_either_order(string first, string second)
    {
        // A discovered config may not add rubrics, so no answer here knows capacity-planning: the same error, whatever the order.
        using var tree = new TempFolder();
        tree.Write("a/.grader.yaml", "rubrics: [rubrics]\n");
        tree.Write("a/rubrics/capacity-planning.yaml", Rubric);
        tree.Write("a/one.md", Answer);
        tree.Write("b/two.md", Answer);

        var (exit, output, error) = TestGrader.RunCliIn(tree.Root, "check", first, second, "--problem", "capacity-planning");

        Assert.Equal(2, exit);
        Assert.Contains("grader: error: unknown problem 'capacity-planning'. Known problems: ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("could not be graded", error + output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_problem_every_answers_rubrics_define_grades_them_all()
    {
        using var tree = new TempFolder();
        var rubrics = Path.GetDirectoryName(tree.Write("rubrics/capacity-planning.yaml", Rubric))!;
        var one = tree.Write("a/one.md", Answer);
        var two = tree.Write("b/two.md", Answer);

        var run = new CheckRun(new CheckRunOptions([rubrics], "capacity-planning"));
        var (items, errors) = run.Prepare([one, two]);

        Assert.Empty(errors);
        var results = run.GradeInWindows(items).SelectMany(w => w).ToList();
        Assert.All(results, r => Assert.Equal("capacity-planning", r.Result!.Problem.Id));
    }

    [Fact]
    public void A_batch_keeps_each_graded_answer_without_its_parse_tree_and_the_same_score_and_findings()
    {
        // Two windows of full parse trees were most of a batch's peak memory; reports read only what Compact keeps.
        using var tree = new TempFolder();
        var text = TestGrader.ReadRepoFile("examples/news-feed/strong.md");
        var path = tree.Write("a.md", text);
        var run = new CheckRun(new CheckRunOptions([]));
        var (items, _) = run.Prepare([path]);

        var batch = run.GradeInWindows(items).SelectMany(w => w).Single().Result!;
        var full = TestGrader.Engine.Grade(path, text);

        Assert.NotEmpty(full.Document.Units);
        Assert.Empty(batch.Document.Units);
        Assert.Empty(batch.Document.Blocks);
        Assert.Equal(full.Document.WordCount, batch.Document.WordCount);
        Assert.Equal(full.Score.Total, batch.Score.Total);
        Assert.Equal(full.Diagnostics.Select(d => (d.Descriptor.Id, d.Span, d.Message)), batch.Diagnostics.Select(d => (d.Descriptor.Id, d.Span, d.Message)));
    }

    [Fact]
    public void The_severity_gate_names_the_first_failing_finding_and_none_turns_it_off()
    {
        var result = TestGrader.Engine.Grade("weak.md", TestGrader.ReadRepoFile("examples/video-recommendation/weak.md"));
        var config = Grader.Core.Configuration.GraderConfig.Default;
        var warnings = result.Diagnostics.Count(d => !d.IsSuppressed && d.Severity >= Grader.Core.Diagnostics.Severity.Warning);

        Assert.StartsWith($"{warnings} finding(s) at warning or worse (--fail-on warning), first ", new GatePolicy(Grader.Core.Diagnostics.Severity.Warning).Check(config, result), StringComparison.Ordinal);
        Assert.Null(new GatePolicy(null).Check(config, result));
        Assert.Equal(
            string.Create(System.Globalization.CultureInfo.InvariantCulture, $"scored {result.Score.Total:0.0}, under 99 (--fail-under)"),
            new GatePolicy(null, 99).Check(config, result));
    }
}
