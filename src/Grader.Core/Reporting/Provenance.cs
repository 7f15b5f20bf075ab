using System.Collections.Immutable;
using System.Text.Json;
using Grader.Core.Configuration;
using Grader.Core.Rubrics;

namespace Grader.Core.Reporting;

/// <summary>A suppression comment that silenced findings: where it stands, what it silenced, and why.</summary>
public sealed record AppliedSuppression(string Path, int Line, ImmutableArray<string> Ids, string? Justification, int Findings)
{
    /// <summary>The comments in one graded answer that silenced something, in line order.</summary>
    public static IEnumerable<AppliedSuppression> Of(GradeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Diagnostics
            .Where(d => d.Suppression is { Kind: "inSource" })
            .GroupBy(d => (d.Suppression!.CommentSpan.Line, d.Suppression.Reason))
            .OrderBy(g => g.Key.Line)
            .Select(g => new AppliedSuppression(result.Path, g.Key.Line, [.. g.Select(d => d.CriterionId ?? d.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)], g.Key.Reason, g.Count()));
    }
}

/// <summary>
/// A rubric criterion a trusted config turned off (<c>rules: {ID: none}</c>) in one answer, and the points that gave
/// back: the criterion counted as met, so <see cref="Points"/> were not deducted.
/// </summary>
public sealed record RuleOff(string Path, string Rule, string Config, double Points)
{
    /// <summary>The criteria turned off in one graded answer, in rubric order.</summary>
    public static IEnumerable<RuleOff> Of(GradeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        // A design error costs in several steps; turned off, it is one rule given back once, with all it cost.
        return result.Score.Steps.SelectMany(s => s.Criteria)
            .Where(c => c.TurnedOffBy is not null)
            .GroupBy(c => c.Criterion.Id, StringComparer.Ordinal)
            .Select(g => new RuleOff(result.Path, g.Key, g.First().TurnedOffBy!, Scoring.Scorer.Round(g.Sum(c => c.PointsGivenBack) * result.Score.Relevance)));
    }
}

/// <summary>The model a run asked for feedback: provider, endpoint (without credentials), model.</summary>
public sealed record LlmProvenance(string Provider, string? Endpoint, string Model);

/// <summary>
/// What graded a run, so a reader can check it: CI mode or not, every config file looked at (used or ignored, with
/// SHA-256), every rubric file an answer was graded with (with SHA-256), the suppressions applied, the criteria a config
/// turned off (and the points that gave back), and the model asked.
/// Each answer's problem source is in its own entry (JSON <c>problem.source</c>, SARIF <c>scores[].problemSource</c>).
/// </summary>
public sealed record Provenance(
    bool CiMode,
    ImmutableArray<ConfigSource> Configs,
    ImmutableArray<RubricFile> Rubrics,
    ImmutableArray<AppliedSuppression> Suppressions,
    bool InlineSuppressions = true,
    LlmProvenance? Llm = null,
    ImmutableArray<RuleOff> RulesOff = default)
{
    /// <summary>Writes the record as the value of property <paramref name="name"/>; the same shape in JSON and SARIF.</summary>
    public void WriteJson(Utf8JsonWriter json, string name)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject(name);
        json.WriteString("mode", CiMode ? "ci" : "local");
        json.WriteBoolean("inlineSuppressions", InlineSuppressions);
        json.WriteStartArray("configs");
        foreach (var config in Configs)
        {
            json.WriteStartObject();
            json.WriteString("path", config.Path);
            json.WriteString("sha256", config.Sha256);
            json.WriteString("role", config.Role);
            json.WriteBoolean("used", config.Used);
            json.WriteStartArray("ignoredKeys");
            config.IgnoredKeys.ToList().ForEach(json.WriteStringValue);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("rubrics");
        foreach (var rubric in Rubrics)
        {
            json.WriteStartObject();
            json.WriteString("path", rubric.Path);
            json.WriteString("sha256", rubric.Sha256);
            json.WriteBoolean("builtIn", rubric.BuiltIn);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("suppressions");
        foreach (var s in Suppressions)
        {
            json.WriteStartObject();
            json.WriteString("path", s.Path);
            json.WriteNumber("line", s.Line);
            json.WriteStartArray("ids");
            s.Ids.ToList().ForEach(json.WriteStringValue);
            json.WriteEndArray();
            StringOrNull(json, "justification", s.Justification);

            json.WriteNumber("findings", s.Findings);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("rulesOff");
        foreach (var r in RulesOff.IsDefault ? [] : RulesOff)
        {
            json.WriteStartObject();
            json.WriteString("path", r.Path);
            json.WriteString("rule", r.Rule);
            json.WriteString("config", r.Config);
            json.WriteNumber("points", r.Points);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (Llm is null)
        {
            json.WriteNull("llm");
        }
        else
        {
            json.WriteStartObject("llm");
            json.WriteString("provider", Llm.Provider);
            StringOrNull(json, "endpoint", Llm.Endpoint);

            json.WriteString("model", Llm.Model);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>One line for people: "N findings suppressed by M comments in answers", or null when none were.</summary>
    public static string? SuppressionLine(IEnumerable<GradeResult> results)
    {
        var applied = results.SelectMany(AppliedSuppression.Of).ToList();
        return applied.Count == 0
            ? null
            : string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{applied.Sum(a => a.Findings)} finding(s) suppressed by {applied.Count} comment(s) in the answers: {string.Join(", ", applied.Take(10).Select(a => $"{a.Path} line {a.Line}"))}{(applied.Count > 10 ? ", …" : "")}");
    }

    /// <summary>What graded the run, in plain lines for people (reports escape them for their consumer).</summary>
    public IEnumerable<string> Lines(IEnumerable<GradeResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var used = Configs.Where(c => c.Used).Select(c => $"{c.Path} (sha256 {c.Sha256[..Math.Min(12, c.Sha256.Length)]})").ToList();
        var custom = Rubrics.Count(r => !r.BuiltIn);
        yield return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"Graded {(CiMode ? "in CI mode " : "")}with {(used.Count == 0 ? "no config file" : string.Join(", ", used))}; {Rubrics.Length} rubric file(s){(custom > 0 ? $", {custom} not built in" : "")}; {Configs.Count(c => !c.Used)} config file(s) ignored{(InlineSuppressions ? "" : "; inline suppressions off")}.");
        if (SuppressionLine(results) is { } suppressed)
        {
            yield return suppressed;
        }

        foreach (var line in RulesOffLines(r => r, c => c))
        {
            yield return line;
        }
    }

    /// <summary>
    /// "rule news-feed.reactions turned off by .grader.yaml: +1.5 points not deducted", one line per criterion and config
    /// (points summed over the answers when there are several). <paramref name="rule"/> and <paramref name="config"/>
    /// let a report quote the id and the path its own way.
    /// </summary>
    public IEnumerable<string> RulesOffLines(Func<string, string> rule, Func<string, string> config)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(config);
        return (RulesOff.IsDefault ? [] : RulesOff)
            .GroupBy(r => (r.Rule, r.Config))
            .OrderBy(g => g.Key.Rule, StringComparer.Ordinal).ThenBy(g => g.Key.Config, StringComparer.Ordinal)
            .Select(g => string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"rule {rule(g.Key.Rule)} turned off by {config(g.Key.Config)}: +{Scoring.Scorer.Round(g.Sum(r => r.Points)):0.0} points not deducted{(g.Count() > 1 ? $" across {g.Count()} answers" : "")}"));
    }

    private static void StringOrNull(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }
}
