using Grader.Core.Diagnostics;
using Grader.Core.Rubrics.Kinds;
using Grader.Tests.Support;

namespace Grader.Tests.Correctness;

/// <summary>
/// Design-error rules (kind: mistake), one case per line in cases/*.tsv: problem, criterion, fires|passes, sentence.
/// Each sentence is graded alone under a heading of the rule's step; "fires" must raise MLSD0401 for that criterion
/// with the sentence as evidence, "passes" (the negated or correct version) must not.
/// </summary>
public class MistakeTests
{
    public static TheoryData<string, string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(TestGrader.RepoRoot, "tests", "Grader.Tests", "Correctness", "cases"), "*.tsv").Order(StringComparer.Ordinal))
        {
            foreach (var line in File.ReadLines(file).Where(l => l.Length > 0 && !l.StartsWith('#')))
            {
                var cells = line.Split('\t');
                data.Add(cells[0], cells[1], cells[2], cells[3]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_rule_fires_on_the_mistake_and_not_on_its_negated_or_correct_version(string problem, string criterion, string expect, string sentence)
    {
        var rule = TestGrader.Engine.Compile(problem).Rubric.Criteria.Single(c => c.Id == criterion);
        Assert.IsType<MistakeCriterion>(rule);
        var title = TestGrader.Engine.Compile(problem).Rubric.Step(rule.Step).Title;
        var graded = TestGrader.Grade($"## {title}\n\n{sentence}\n", problem);
        var found = graded.Diagnostics.Where(d => d.Id == DiagnosticIds.DesignError && d.CriterionId == criterion).ToList();
        if (expect == "fires")
        {
            var finding = Assert.Single(found);
            Assert.Equal(3, finding.Span.Line);
            Assert.Contains("points deducted", finding.Message, StringComparison.Ordinal);
            var result = graded.Score.Steps[(int)rule.Step].Criteria.Single(c => c.Criterion.Id == criterion);
            Assert.True(result.Score < 0, $"{criterion} deducted nothing");
        }
        else
        {
            Assert.Equal("passes", expect);
            Assert.Empty(found);
        }
    }

    [Fact]
    public void Every_mistake_rule_has_a_case_that_fires_and_one_that_passes()
    {
        var cases = Cases().Select(row => ((string)row[1], (string)row[2])).ToHashSet();
        var rules = TestGrader.Engine.Catalog.Problems.Append(TestGrader.Engine.Catalog.Base)
            .SelectMany(r => r.Criteria).OfType<MistakeCriterion>().Select(c => c.Id).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(rules);
        Assert.All(rules, id => Assert.True(cases.Contains((id, "fires")) && cases.Contains((id, "passes")), $"{id} needs a 'fires' and a 'passes' case"));
    }

    [Fact]
    public void No_design_error_is_found_in_any_shipped_strong_answer()
    {
        foreach (var file in TestGrader.ExampleFiles().Where(f => Path.GetFileName(f).StartsWith("strong", StringComparison.Ordinal)))
        {
            var graded = TestGrader.Engine.Grade(file, TestGrader.ReadRepoFile(file));
            Assert.DoesNotContain(graded.Diagnostics, d => d.Id == DiagnosticIds.DesignError);
        }
    }

    [Fact]
    public void A_correct_statement_elsewhere_in_the_answer_puts_an_unless_anywhere_rule_right()
    {
        const string Launch = "## Evaluation\n\nWe ship the new model when it beats the old one on offline AUC.\n";
        Assert.Contains(TestGrader.Grade(Launch).Diagnostics, d => d.CriterionId == "base.offline-only-launch");
        var withExperiment = Launch + "\n## Serving\n\nEvery launch then runs as an A/B test on 5 % of traffic for two weeks.\n";
        Assert.DoesNotContain(TestGrader.Grade(withExperiment).Diagnostics, d => d.CriterionId == "base.offline-only-launch");
    }
}
