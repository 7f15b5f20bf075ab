using System.Diagnostics;
using Grader.Tests.Support;
using Grader.Validity;

namespace Grader.Tests.Validity;

/// <summary>The grader's behavioural checks against their thresholds (issue: grader validity). scripts/validity prints the figures.</summary>
public sealed class ValidityFixture
{
    public ValidityFixture()
    {
        var examples = TestGrader.ExampleFiles().ToList();
        Strong = [.. examples.Where(f => Path.GetFileName(f).StartsWith("strong", StringComparison.Ordinal))
            .Select(f => new Answer(f, TestGrader.ReadRepoFile(f), f.Split('/')[1]))];
        Clean = [.. examples.Select(f => new Answer(f, TestGrader.ReadRepoFile(f), ""))];
        Suite = new ValiditySuite(TestGrader.Engine, Strong);
    }

    public IReadOnlyList<Answer> Strong { get; }

    public IReadOnlyList<Answer> Clean { get; }

    public ValiditySuite Suite { get; }
}

public class ValidityTests(ValidityFixture fixture) : IClassFixture<ValidityFixture>
{
    private static void AssertPassed(CheckResult result) =>
        Assert.True(result.Passed, $"{result.Name}: {result.Measured}; must hold: {result.Requirement}\n{string.Join('\n', result.Failures.Take(20))}");

    [Fact]
    public void The_suite_is_built_from_at_least_twelve_strong_answers_across_all_problems()
    {
        Assert.True(fixture.Strong.Count >= 12);
        Assert.Equal(TestGrader.Engine.Catalog.Problems.Select(p => p.Id).Order(), fixture.Strong.Select(a => a.Problem).Distinct().Order());
    }

    [Fact]
    public void Removal_of_a_step_lowers_the_score() => AssertPassed(fixture.Suite.Removal());

    [Fact]
    public void The_ladder_of_removals_and_hollowing_is_ordered() => AssertPassed(fixture.Suite.Ladder());

    [Fact]
    public void Hollow_answers_keep_at_most_a_quarter() => AssertPassed(fixture.Suite.Hollow());

    [Fact]
    public void Formatting_does_not_change_the_score() => AssertPassed(fixture.Suite.Formatting());

    [Fact]
    public void Step_order_changes_the_score_by_at_most_two_points() => AssertPassed(fixture.Suite.Order());

    [Fact]
    public void The_same_answer_in_another_form_scores_within_five_points() => AssertPassed(fixture.Suite.Form());

    [Fact]
    public void Stuffing_in_sentences_scores_at_most_twenty() => AssertPassed(fixture.Suite.ProseStuffing());

    [Fact]
    public void A_design_error_written_into_a_strong_answer_lowers_it_and_is_reported() => AssertPassed(fixture.Suite.DesignErrors());

    [Fact]
    public void Padding_gains_at_most_two_points() => AssertPassed(fixture.Suite.Padding());

    [Fact]
    public void Stuffing_gains_at_most_five_points_and_stuffed_text_stays_below_a_real_answer() =>
        AssertPassed(fixture.Suite.Stuffing(new Answer("examples/video-recommendation/partial.md",
            TestGrader.ReadRepoFile("examples/video-recommendation/partial.md"), "video-recommendation")));

    [Fact]
    public void Off_topic_answers_score_at_most_thirty_and_are_flagged() =>
        AssertPassed(fixture.Suite.OffTopic([new Answer("url-shortener.md", ValidityFixtures.UrlShortener, "")]));

    [Fact]
    public void Gibberish_scores_at_most_twenty() => AssertPassed(fixture.Suite.Gibberish());

    [Fact]
    [Trait("Category", "Slow")]
    public void Injection_never_moves_the_score_and_is_flagged() => AssertPassed(fixture.Suite.Injection(fixture.Clean));

    [Fact]
    [Trait("Category", "Slow")]
    public void The_same_input_gives_byte_identical_json_in_fresh_processes()
    {
        var grader = Path.Combine(AppContext.BaseDirectory, "grader.dll");
        var answer = Path.Combine(TestGrader.RepoRoot, "examples", "news-feed", "strong.md");
        AssertPassed(ValiditySuite.Determinism(() =>
        {
            var start = new ProcessStartInfo("dotnet", ["exec", grader, "check", answer, "--format", "json"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(start)!;
            using var buffer = new MemoryStream();
            process.StandardOutput.BaseStream.CopyTo(buffer);
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            Assert.True(buffer.Length > 1000);
            return buffer.ToArray();
        }));
    }
}
