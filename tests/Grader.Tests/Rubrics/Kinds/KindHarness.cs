using System.Collections.Concurrent;
using Grader.Core;
using Grader.Core.Diagnostics;
using Grader.Core.Rubrics;
using Grader.Core.Scoring;
using Grader.Tests.Support;

namespace Grader.Tests.Rubrics.Kinds;

/// <summary>
/// Grades an answer against a one-step rubric: every step has a heading synonym (its own name), only the model step
/// has weight (100), and the model step holds the criteria under test. A criterion of P points among criteria worth A
/// is then worth 100 x P / A, so its points can be read off the test.
/// </summary>
internal static class KindHarness
{
    private static readonly ConcurrentDictionary<string, GradingEngine> Engines = new(StringComparer.Ordinal);

    public static GradeResult Grade(string criteria, string markdown) => Engine(criteria).Grade("answer.md", markdown, "kinds");

    /// <summary>How the criterion <paramref name="id"/> fared.</summary>
    public static CriterionResult Result(this GradeResult graded, string id) =>
        graded.Score.Steps.SelectMany(s => s.Criteria).Single(c => c.Criterion.Id == id);

    /// <summary>Grades and returns how <paramref name="id"/> fared, with its finding (null when it lost nothing).</summary>
    public static (CriterionResult Result, Diagnostic? Finding) Evaluate(string criteria, string markdown, string id)
    {
        var graded = Grade(criteria, markdown);
        return (graded.Result(id), graded.Diagnostics.SingleOrDefault(d => d.CriterionId == id));
    }

    private static GradingEngine Engine(string criteria) => Engines.GetOrAdd(criteria, text =>
    {
        var rubric = """
            id: kinds
            title: Criterion kinds under test
            steps:
              requirements: { weight: 0, headings: [requirements] }
              framing: { weight: 0, headings: [framing] }
              data: { weight: 0, headings: [data] }
              model: { weight: 100, headings: [model] }
              evaluation: { weight: 0, headings: [evaluation] }
              serving: { weight: 0, headings: [serving] }
              monitoring: { weight: 0, headings: [monitoring] }
            criteria:

            """ + string.Join('\n', text.Split('\n').Select(l => "  " + l)) + "\n";
        var (catalog, errors) = RubricCatalog.Load([("rubrics/base.yaml", TestGrader.ReadRepoFile("rubrics/base.yaml")), ("kinds.yaml", rubric)], DescriptorCatalog.Ids);
        Assert.Empty(errors);
        return new GradingEngine(catalog);
    });
}
