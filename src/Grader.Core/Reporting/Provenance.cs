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

/// <summary>The model a run asked for feedback: provider, endpoint (without credentials), model.</summary>
public sealed record LlmProvenance(string Provider, string? Endpoint, string Model);

/// <summary>
/// What graded a run, so a reader can check it: CI mode or not, every config file looked at (used or ignored, with
/// SHA-256), every rubric file an answer was graded with (with SHA-256), the suppressions applied, and the model asked.
/// Each answer's problem source is in its own entry (JSON <c>problem.source</c>, SARIF <c>scores[].problemSource</c>).
/// </summary>
public sealed record Provenance(
    bool CiMode,
    ImmutableArray<ConfigSource> Configs,
    ImmutableArray<RubricFile> Rubrics,
    ImmutableArray<AppliedSuppression> Suppressions,
    bool InlineSuppressions = true,
    LlmProvenance? Llm = null)
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
