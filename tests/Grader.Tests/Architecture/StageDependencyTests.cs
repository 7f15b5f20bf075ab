using Grader.Core;
using NetArchTest.Rules;

namespace Grader.Tests.Architecture;

/// <summary>
/// Data flows one way, parse -> map -> analyze -> score -> report: a stage never reaches back into a later one. Read
/// from the compiled IL (signatures, fields, method bodies, attributes), so a fully qualified name or a lambda cannot
/// slip past the way it could past a scan of <c>using</c> lines.
/// </summary>
public class StageDependencyTests
{
    private const string Core = "Grader.Core.";

    public static TheoryData<string, string[]> Rules() => new()
    {
        { "Parsing", ["Mapping", "Analysis", "Analyzers", "Scoring", "Rubrics", "Reporting"] },
        { "Mapping", ["Analysis", "Analyzers", "Scoring", "Reporting"] },
        { "Scoring", ["Reporting"] },
        { "Yaml", ["Parsing", "Mapping", "Analysis", "Analyzers", "Scoring", "Rubrics", "Reporting", "Configuration"] },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void A_stage_never_references_a_later_one(string stage, string[] later)
    {
        var result = Types.InAssembly(typeof(GradingEngine).Assembly)
            .That().ResideInNamespace(Core + stage)
            .ShouldNot().HaveDependencyOnAny([.. later.Select(l => Core + l)])
            .GetResult();
        Assert.True(result.IsSuccessful,
            $"{stage} references a later stage:\n" + string.Join('\n', result.FailingTypes.Select(t => $"  {t.FullName}: {t.Explanation}")));
    }

    [Fact]
    public void The_check_sees_references_inside_one_assembly()
    {
        // Mapping reads rubric data (its synonym tables) on purpose; were the check blind, this would pass too.
        var result = Types.InAssembly(typeof(GradingEngine).Assembly)
            .That().ResideInNamespace(Core + "Mapping")
            .ShouldNot().HaveDependencyOnAny(Core + "Rubrics")
            .GetResult();
        Assert.False(result.IsSuccessful);
        Assert.Contains(result.FailingTypes, t => t.FullName == "Grader.Core.Mapping.StepMapper");
    }
}
