using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;
using Grader.Core.Parsing;

namespace Grader.Core.Reporting;

/// <summary>
/// The SARIF 2.1.0 log: one run, every rule, one result per diagnostic. Paths stay relative to <c>SRCROOT</c>, whose
/// value is deliberately not recorded, so the same answers give the same bytes on any machine.
/// </summary>
public sealed class SarifReportWriter : IReportWriter
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    public const string SourceRoot = "SRCROOT";

    /// <summary>The partialFingerprints key. Bump the version if the hashed inputs ever change.</summary>
    public const string FingerprintKey = Fingerprints.Key;

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    public string Format => "sarif";

    public void Write(Stream stream, GradeRun run)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(run);

        // rules is a uniqueItems array and ruleIndex must point into it: one entry per id, in id order, including any
        // descriptor a result carries that the registry does not list.
        var rules = GradeRun.Rules
            .Concat(run.Results.SelectMany(r => r.Diagnostics).Select(d => d.Descriptor))
            .DistinctBy(d => d.Id, StringComparer.Ordinal)
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            ruleIndex[rules[i].Id] = i;
        }

        // artifacts is a uniqueItems array too: a file graded twice is one artifact.
        var artifacts = new List<ArtifactUri>();
        var artifactIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var result in run.Results)
        {
            var uri = ArtifactUri.From(result.Path);
            if (artifactIndex.TryAdd(uri.Uri, artifacts.Count))
            {
                artifacts.Add(uri);
            }
        }

        using var json = new Utf8JsonWriter(stream, Options);
        json.WriteStartObject();
        json.WriteString("$schema", SchemaUri);
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();

        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", ToolInfo.Name);
        json.WriteString("version", ToolInfo.Version);
        json.WriteStartArray("rules");
        foreach (var rule in rules)
        {
            WriteRule(json, rule, run);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();

        WriteInvocation(json, run.Errors);

        json.WriteStartObject("originalUriBaseIds");
        json.WriteStartObject(SourceRoot);
        WriteMessage(json, "description", "The directory grader was run from; answer paths are relative to it.");
        json.WriteEndObject();
        json.WriteEndObject();

        json.WriteStartArray("artifacts");
        foreach (var artifact in artifacts)
        {
            json.WriteStartObject();
            json.WriteStartObject("location");
            WriteUri(json, artifact);
            json.WriteEndObject();
            json.WriteStartArray("roles");
            json.WriteStringValue("analysisTarget");
            json.WriteEndArray();
            json.WriteString("sourceLanguage", "markdown");
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("results");
        foreach (var result in run.Results)
        {
            var artifact = ArtifactUri.From(result.Path);
            var fingerprints = Fingerprints.Of(result);
            for (var i = 0; i < result.Diagnostics.Length; i++)
            {
                var diagnostic = result.Diagnostics[i];
                WriteResult(json, diagnostic, ruleIndex[diagnostic.Id], artifact, artifactIndex[artifact.Uri], fingerprints[i]);
            }
        }

        json.WriteEndArray();

        // Spans count UTF-16 code units (SourceText); SARIF's default is code points, so say so.
        json.WriteString("columnKind", "utf16CodeUnits");

        json.WriteStartObject("properties");
        json.WriteStartArray("scores");
        foreach (var result in run.Results)
        {
            json.WriteStartObject();
            json.WriteString("path", result.Path);
            json.WriteString("problem", result.Problem.Id);
            json.WriteString("problemSource", result.Problem.Source);
            json.WriteDouble("total", result.Score.Total);
            json.WriteDouble("max", result.Score.Max);
            json.WriteString("band", result.Score.Band);

            // Model-written feedback rides along as a property, never as a result: it is not a finding.
            if (result.Feedback is not null)
            {
                Llm.FeedbackText.WriteJson(json, result.Feedback);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        run.Provenance?.WriteJson(json, "provenance");
        json.WriteEndObject();

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void WritePhysicalLocation(Utf8JsonWriter json, ArtifactUri artifact, int artifactIndex, SourceSpan span)
    {
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        WriteUri(json, artifact);
        json.WriteNumber("index", artifactIndex);
        json.WriteEndObject();
        WriteRegion(json, span);
        json.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter json, DiagnosticDescriptor rule, GradeRun run)
    {
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteString("name", PascalCase(rule.Title));
        WriteMessage(json, "shortDescription", rule.Title);
        WriteMessage(json, "fullDescription", rule.Description ?? rule.MessageFormat);

        // helpUri must be an absolute URI (format "uri"): emitted when the run knows where the docs are published;
        // otherwise the repository-relative path goes in help as text (a Markdown link would resolve against
        // whatever page shows the alert).
        if (run.HelpBase is not null)
        {
            json.WriteString("helpUri", run.HelpUri(rule));
        }

        json.WriteStartObject("help");
        json.WriteString("text", $"See {rule.HelpUri} in the Grader repository.");
        json.WriteString("markdown", $"See `{rule.HelpUri}` in the Grader repository.");
        json.WriteEndObject();
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", Level(rule.DefaultSeverity));
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteString("category", rule.Category);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteInvocation(Utf8JsonWriter json, IReadOnlyList<ReadError> errors)
    {
        json.WriteStartArray("invocations");
        json.WriteStartObject();

        // An input that could not be read makes the run unsuccessful (its results are incomplete); each one is an
        // error-level notification naming the file.
        json.WriteBoolean("executionSuccessful", errors.Count == 0);
        json.WriteStartArray("toolExecutionNotifications");
        foreach (var error in errors)
        {
            json.WriteStartObject();
            json.WriteString("level", "error");
            WriteMessage(json, "message", error.Message);
            json.WriteStartArray("locations");
            json.WriteStartObject();
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            WriteUri(json, ArtifactUri.From(error.Path));
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
    }

    private static void WriteResult(Utf8JsonWriter json, Diagnostic diagnostic, int ruleIndex, ArtifactUri artifact, int artifactIndex, string fingerprint)
    {
        json.WriteStartObject();
        json.WriteString("ruleId", diagnostic.Id);
        json.WriteNumber("ruleIndex", ruleIndex);
        json.WriteString("level", Level(diagnostic.Severity));
        WriteMessage(json, "message", diagnostic.Message);
        json.WriteStartArray("locations");
        json.WriteStartObject();

        // A finding about what the answer lacks (a step with no text) has no place of its own; code scanning needs a
        // start line, so it stands at line 1 and the location says why.
        var anchored = diagnostic.Span.IsNone;
        WritePhysicalLocation(json, artifact, artifactIndex, anchored ? new SourceSpan(1, 1, 1, 1) : diagnostic.Span);
        if (anchored)
        {
            WriteMessage(json, "message", "Nothing in the answer to point at: shown at its first line");
        }

        json.WriteEndObject();
        json.WriteEndArray();
        if (diagnostic.BaselineState is { } baselineState)
        {
            json.WriteString("baselineState", baselineState);
        }

        json.WriteStartObject("partialFingerprints");
        json.WriteString(FingerprintKey, fingerprint);
        json.WriteEndObject();
        if (diagnostic.Suppression is { } suppression)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();

            // The schema allows only "inSource" and "external"; an answer's own comment is inSource.
            json.WriteString("kind", suppression.Kind == "external" ? "external" : "inSource");
            if (suppression.Reason is { } reason)
            {
                json.WriteString("justification", reason);
            }

            if (!suppression.CommentSpan.IsNone)
            {
                json.WriteStartObject("location");
                WritePhysicalLocation(json, artifact, artifactIndex, suppression.CommentSpan);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndArray();
        }

        if (diagnostic.Step is not null || diagnostic.CriterionId is not null)
        {
            json.WriteStartObject("properties");
            if (diagnostic.Step is { } step)
            {
                json.WriteString("step", step.ToId());
            }

            if (diagnostic.CriterionId is { } criterion)
            {
                json.WriteString("criterion", criterion);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteRegion(Utf8JsonWriter json, SourceSpan span)
    {
        if (span.IsNone)
        {
            return;
        }

        // SourceSpan is inclusive; a SARIF region's endColumn is the column after its last character.
        json.WriteStartObject("region");
        json.WriteNumber("startLine", span.Line);
        json.WriteNumber("startColumn", Math.Max(1, span.Column));
        json.WriteNumber("endLine", Math.Max(span.Line, span.EndLine));
        json.WriteNumber("endColumn", Math.Max(1, span.EndColumn) + 1);
        json.WriteEndObject();
    }

    private static void WriteUri(Utf8JsonWriter json, ArtifactUri artifact)
    {
        json.WriteString("uri", artifact.Uri);
        if (artifact.BaseId is { } baseId)
        {
            json.WriteString("uriBaseId", baseId);
        }
    }

    private static void WriteMessage(Utf8JsonWriter json, string name, string text)
    {
        json.WriteStartObject(name);
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    private static string Level(Severity severity) => severity switch
    {
        Severity.Info => "note",
        Severity.Warning => "warning",
        Severity.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(severity)),
    };

    /// <summary>"Model named without a reason" -> "ModelNamedWithoutAReason"; "trade-off" -> "TradeOff".</summary>
    private static string PascalCase(string title)
    {
        var name = new StringBuilder(title.Length);
        var upper = true;
        foreach (var c in title)
        {
            if (char.IsLetterOrDigit(c))
            {
                name.Append(upper ? char.ToUpperInvariant(c) : c);
                upper = false;
            }
            else if (c is not ('\'' or '\u2019'))
            {
                upper = true;
            }
        }

        return name.ToString();
    }

    /// <summary>
    /// An answer path as a SARIF artifact URI. Relative paths become relative references against <c>SRCROOT</c>,
    /// each segment percent-encoded (a space, or a colon that would read as a scheme); rooted ones become file URIs.
    /// </summary>
    private readonly record struct ArtifactUri(string Uri, string? BaseId)
    {
        public static ArtifactUri From(string path)
        {
            var p = path.Replace('\\', '/');
            if (p.Length >= 3 && char.IsAsciiLetter(p[0]) && p[1] == ':' && p[2] == '/')
            {
                return new("file:///" + p[..2] + Escape(p[2..]), null);
            }

            if (p.StartsWith("//", StringComparison.Ordinal))
            {
                return new("file:" + Escape(p), null);
            }

            return p.StartsWith('/') ? new("file://" + Escape(p), null) : new(Escape(p), SourceRoot);
        }

        private static string Escape(string path) => string.Join('/', path.Split('/').Select(System.Uri.EscapeDataString));
    }

}
