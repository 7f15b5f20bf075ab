using System.Globalization;
using System.Text.Json;
using Grader.Tests.Trust;

namespace Grader.Tests.Scoring;

/// <summary>
/// <c>rules: {ID: none}</c> never hides a loss: a criterion turned off by a trusted config gives its points back and
/// the report says so; an analyzer rule turned off leaves the score alone and its losses are reported by their
/// criteria; a rule whose finding is the only record of a loss cannot be turned off.
/// </summary>
public sealed class RuleOffTests : IDisposable
{
    private const string Weak = "answers/priya/answer.md";

    private readonly StudyGroupRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    // A design error is listed in each step it costs; every entry of the criterion.
    private static List<JsonElement> Criterion(JsonElement json, string id) =>
        [.. json.GetProperty("documents")[0].GetProperty("sections").EnumerateArray()
            .SelectMany(s => s.GetProperty("criteria").EnumerateArray()).Where(c => c.GetProperty("id").GetString() == id)];

    private static JsonElement.ArrayEnumerator Findings(JsonElement json) => json.GetProperty("documents")[0].GetProperty("diagnostics").EnumerateArray();

    [Theory]
    [InlineData("video-recommendation.scale")] // a criterion reported by MLSD0301
    [InlineData("requirements.scale")]         // a criterion whose loss an analyzer (MLSD0201) explains
    [InlineData("base.accuracy-metric")]       // a design error in a step already at 0: only what it really cost comes back
    public void A_criterion_turned_off_in_the_trusted_config_gives_its_points_back_and_the_report_names_it(string id)
    {
        var on = _repo.Check(Weak);
        _repo.Write("trusted.yaml", $"rules:\n  {id}: none\n");
        var off = _repo.Check(Weak, "--config", "trusted.yaml");

        var applied = Assert.Single(off.Json.GetProperty("provenance").GetProperty("rulesOff").EnumerateArray());
        Assert.Equal((Weak, id, "trusted.yaml"), (applied.GetProperty("path").GetString(), applied.GetProperty("rule").GetString(), applied.GetProperty("config").GetString()));
        var points = applied.GetProperty("points").GetDouble();
        Assert.True(points > 0, $"{id} cost points in the weak answer");
        Assert.InRange(off.Scores[Weak], on.Scores[Weak] + points - 0.1, on.Scores[Weak] + points + 0.1);

        // The criterion is treated as met, and nothing reports it.
        var entries = Criterion(off.Json, id);
        Assert.NotEmpty(entries);
        Assert.All(entries, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("explainedBy").ValueKind));
        Assert.DoesNotContain(Findings(off.Json), d => d.GetProperty("criterion").GetString() == id);

        var console = _repo.Run("check", Weak, "--config", "trusted.yaml").Out;
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"rule {id} turned off by trusted.yaml: +{points:0.0} points not deducted"), console, StringComparison.Ordinal);
        var markdown = _repo.Run("check", Weak, "--config", "trusted.yaml", "--format", "markdown").Out;
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"turned off by `trusted.yaml`: +{points:0.0} points not deducted"), markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_discovered_config_cannot_give_points_back_in_CI_or_outside_it()
    {
        var plain = _repo.Check(Weak);
        _repo.Write("answers/priya/.grader.yaml", "failUnder: 0\nrules:\n  video-recommendation.scale: none\n");

        var ci = _repo.Check(Weak, "--ci");
        Assert.Equal(plain.Scores[Weak], ci.Scores[Weak]);
        Assert.Empty(ci.Json.GetProperty("provenance").GetProperty("rulesOff").EnumerateArray());
        Assert.Contains("config.discovered-ignored", ci.Err, StringComparison.Ordinal);

        var local = _repo.Check(Weak);
        Assert.Equal(plain.Scores[Weak], local.Scores[Weak]);
        Assert.Empty(local.Json.GetProperty("provenance").GetProperty("rulesOff").EnumerateArray());
        Assert.Contains("answers/priya/.grader.yaml(3,3): warning config.trusted-only: 'video-recommendation.scale'", local.Err, StringComparison.Ordinal);
        Assert.Contains(Findings(local.Json), d => d.GetProperty("criterion").GetString() == "video-recommendation.scale");

        // Lowering a criterion's severity only tunes feedback: still allowed.
        _repo.Write("answers/priya/.grader.yaml", "rules:\n  video-recommendation.scale: info\n");
        var lowered = _repo.Check(Weak);
        Assert.Equal(plain.Scores[Weak], lowered.Scores[Weak]);
        Assert.Contains(Findings(lowered.Json), d => d.GetProperty("criterion").GetString() == "video-recommendation.scale" && d.GetProperty("severity").GetString() == "info");
    }

    [Theory]
    [InlineData("rules:\n  MLSD0101: none\n  MLSD0204: none\n", "MLSD0101", "MLSD0204")]
    [InlineData("categories:\n  structure: none\n", "MLSD0101", "MLSD0102")]
    public void An_analyzer_rule_turned_off_keeps_the_score_and_its_losses_are_reported_by_their_criteria(string config, string first, string second)
    {
        var plain = _repo.Check(Weak);
        _repo.Write("answers/priya/.grader.yaml", config);
        var off = _repo.Check(Weak);
        Assert.Equal(plain.Scores[Weak], off.Scores[Weak]);
        Assert.DoesNotContain(Findings(off.Json), d => d.GetProperty("id").GetString() is var id && (id == first || id == second));

        // Every criterion that lost points names a finding that is in the report.
        var shown = Findings(off.Json).Select(d => (Id: d.GetProperty("id").GetString(), Criterion: d.GetProperty("criterion").GetString())).ToList();
        var losing = off.Json.GetProperty("documents")[0].GetProperty("sections").EnumerateArray()
            .SelectMany(s => s.GetProperty("criteria").EnumerateArray())
            .Where(c => c.GetProperty("explainedBy").ValueKind == JsonValueKind.String).ToList();
        Assert.NotEmpty(losing);
        Assert.All(losing, c => Assert.Contains(shown, d => d.Id == c.GetProperty("explainedBy").GetString()
            && (d.Criterion is null || d.Criterion == c.GetProperty("id").GetString())));
        Assert.Contains(shown, d => d.Id == "MLSD0301" && d.Criterion == "monitoring.substance");
    }

    [Theory]
    [InlineData("rules:\n  MLSD0301: none\n", "(2,13): error config.rule-keeps-points: 'MLSD0301: none'")]
    [InlineData("rules: {MLSD0401: none}\n", "(1,19): error config.rule-keeps-points: 'MLSD0401: none'")]
    [InlineData("failUnder: 0\ncategories:\n  rubric: none\n", "(3,11): error config.rule-keeps-points: 'rubric: none'")]
    [InlineData("categories:\n  document: none\n", "(2,13): error config.rule-keeps-points: 'document: none' would hide MLSD0004, MLSD0005")]
    public void A_rule_whose_finding_is_the_only_record_of_a_loss_cannot_be_turned_off(string config, string expected)
    {
        _repo.Write("trusted.yaml", config);
        var (exit, _, error) = _repo.Run("check", Weak, "--config", "trusted.yaml");
        Assert.Equal(2, exit);
        Assert.Contains("trusted.yaml" + expected, error, StringComparison.Ordinal);

        // Shown at info, or with the rules that record losses kept, the same settings are fine.
        _repo.Write("trusted.yaml", "categories:\n  document: none\n  rubric: info\nrules:\n  MLSD0004: warning\n  MLSD0005: info\n  MLSD0301: info\n");
        Assert.Equal(0, _repo.Run("check", Weak, "--config", "trusted.yaml").Exit);
    }
}
