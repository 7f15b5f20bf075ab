using Grader.Core;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;
using Grader.Tests.Support;

namespace Grader.Tests.Scoring;

/// <summary>Per problem rubric: the strong answer scores in every step, clearly beats the weak one, and loses when a step goes.</summary>
public class RubricExampleTests
{
    public static TheoryData<string> Problems() => [.. TestGrader.Engine.Catalog.Problems.Select(p => p.Id)];

    private static GradeResult Grade(string problem, string name) =>
        TestGrader.Engine.Grade($"examples/{problem}/{name}.md", TestGrader.ReadRepoFile($"examples/{problem}/{name}.md"), problem);

    [Theory]
    [MemberData(nameof(Problems))]
    public void Every_problem_has_a_strong_and_a_weak_example(string problem)
    {
        Assert.True(File.Exists(Path.Combine(TestGrader.RepoRoot, "examples", problem, "strong.md")));
        Assert.True(File.Exists(Path.Combine(TestGrader.RepoRoot, "examples", problem, "weak.md")));
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void Strong_beats_weak_by_a_wide_margin(string problem)
    {
        var strong = Grade(problem, "strong").Score.Total;
        var weak = Grade(problem, "weak").Score.Total;
        Assert.True(strong >= 75, $"strong {strong}");
        Assert.True(strong - weak >= 35, $"strong {strong} vs weak {weak}");
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void Every_step_of_the_strong_answer_scores(string problem)
    {
        var graded = Grade(problem, "strong");
        Assert.All(graded.Score.Steps, s => Assert.True(s.Score >= 0.5 * s.Max, $"{s.Step}: {s.Score}/{s.Max}"));
        Assert.DoesNotContain(graded.Diagnostics, d => d.Id is DiagnosticIds.StepMissing or DiagnosticIds.StepHollow or DiagnosticIds.ProblemMismatch);
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void Removing_any_step_of_the_strong_answer_lowers_its_score(string problem)
    {
        var full = Grade(problem, "strong");
        foreach (var step in FrameworkSteps.All)
        {
            Assert.True(StepRemoval.Extents(full, step).Any(), $"{problem}: no heading maps to {step}");
            var without = TestGrader.Engine.Grade("x.md", StepRemoval.Remove(full, step), problem);
            Assert.True(without.Score.Total < full.Score.Total, $"{problem} without {step}: {without.Score.Total} vs {full.Score.Total}");
        }
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void The_strong_answer_is_detected_as_its_own_problem(string problem)
    {
        var graded = TestGrader.Engine.Grade("x.md", TestGrader.ReadRepoFile($"examples/{problem}/strong.md"));
        Assert.Equal(problem, graded.Problem.Detected);
        Assert.Equal("front-matter", graded.Problem.Source);
    }
}
