using System.Text.RegularExpressions;
using Grader.Core.Rubrics;
using Grader.Core.Rubrics.Kinds;
using Grader.Tests.Support;

namespace Grader.Tests.Cli;

/// <summary>
/// <c>grader init</c> writes guidance, not findings: under each step, what to cover (each criterion's <c>guidance:</c>),
/// never what an answer lacks (its <c>message:</c>), for every built-in problem.
/// </summary>
public partial class InitSkeletonTests
{
    public static TheoryData<string> Problems() => [.. TestGrader.Engine.Catalog.Problems.Select(p => p.Id)];

    private static IEnumerable<Criterion> Covered(Rubric rubric) => rubric.Criteria.Where(c => !c.Deducts());

    [Theory]
    [MemberData(nameof(Problems))]
    public void The_skeleton_names_each_steps_criteria_in_guidance_wording(string problem)
    {
        var (exit, output, error) = TestGrader.RunCli("init", problem);
        Assert.True(exit == 0, error);
        TestGrader.Engine.Catalog.TryGet(problem, out var rubric);
        var sections = output.Split("\n## ")[1..];
        Assert.Equal(7, sections.Length);
        foreach (var (step, section) in rubric.Steps.Zip(sections))
        {
            Assert.StartsWith(step.Title + "\n", section, StringComparison.Ordinal);
            var lines = section.Split('\n').Where(l => l.StartsWith("  - ", StringComparison.Ordinal)).Select(l => l[4..]).ToList();
            Assert.Equal(Covered(rubric).Where(c => c.Step == step.Step).Select(c => c.Guidance), lines);
        }

        Assert.DoesNotMatch(FindingWording(), output);
        Assert.All(rubric.Criteria, c => Assert.DoesNotContain(c.Message, output, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_built_in_criterion_that_earns_points_has_guidance_that_names_what_it_looks_for()
    {
        var problems = new List<string>();
        foreach (var criterion in TestGrader.Engine.Catalog.Problems.Prepend(TestGrader.Engine.Catalog.Base).SelectMany(Covered).DistinctBy(c => c.Id))
        {
            var guidance = criterion.Guidance ?? "";
            int Named(IEnumerable<Concept> concepts) => concepts.Count(k => k.Phrases.Any(p => guidance.Contains(p, StringComparison.OrdinalIgnoreCase)));
            var fault = criterion switch
            {
                _ when guidance.Length == 0 => "has no guidance",
                _ when FindingWording().IsMatch(guidance) => "is worded as a finding",
                ConceptsCriterion c when Named(c.Concepts) < c.AtLeast => $"names {Named(c.Concepts)} of the {c.AtLeast} concepts it needs",
                MetricPairingCriterion m when Named(m.Offline) == 0 || Named(m.Online) == 0 => "does not name both an offline and an online metric",
                _ => null,
            };
            if (fault is not null)
            {
                problems.Add($"{criterion.Id}: guidance {fault}: {guidance}");
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void The_finding_wording_check_recognises_the_rubrics_messages()
    {
        // Messages that already read as instructions ("Say how many users...") aside, the check knows a finding.
        var messages = TestGrader.Engine.Catalog.Problems.SelectMany(Covered).Select(c => c.Message).Where(m => !m.StartsWith("Say ", StringComparison.Ordinal)).Distinct().ToList();
        Assert.True(messages.Count(FindingWording().IsMatch) >= messages.Count * 0.9, string.Join("\n", messages.Where(m => !FindingWording().IsMatch(m))));
    }

    [Fact]
    public void Without_guidance_a_criterion_is_outlined_from_its_data()
    {
        var rubric = TestGrader.Engine.Catalog.Base;
        string Outline(string id) => rubric.Criteria.Single(c => c.Id == id) is var c ? (c with { Guidance = null }).Cover() : "";
        Assert.Equal("Cover at least 2 of: latency, prediction distribution, alert and human review.", Outline("monitoring.signals"));
        Assert.Equal("Give figures with units for at least 3 of: users, throughput, items, latency and storage.", Outline("requirements.scale"));
        Assert.Equal("Include a diagram: a Mermaid block, ASCII art or an image.", Outline("serving.diagram"));
        Assert.StartsWith("Write at least ", Outline("model.substance"), StringComparison.Ordinal);
    }

    // The shapes findings take in rubric messages: "X is thin", "No X", "X is not named", "X does not ...".
    [GeneratedRegex(@"\b(is|are) (thin|missing)\b|\bnot (both )?(named|stated|described|discussed|addressed|explained|argued|laid out|compared|framed|sourced|handled|given|paired|mentioned|clarified|tied|tuned|chosen|separated|derived|told apart|built|treated|watched|defined|listed|said|made|weighed|shown)\b|(^|- )(No|Nothing|Few)\b|\b(does not|do not|ignores|misses|neither is|without reasons|give few|cover few|names few)\b", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex FindingWording();
}
