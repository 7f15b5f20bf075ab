using System.Text.Encodings.Web;
using System.Text.Json;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;
using Grader.Core.Parsing;

namespace Grader.Core.Reporting;

/// <summary>
/// The JSON report (schemaVersion 1). Field names are a contract scripts rely on; new fields may be added, none
/// renamed. Written with <see cref="Utf8JsonWriter"/> in a fixed order so the same input gives the same bytes.
/// </summary>
public sealed class JsonReportWriter : IIncrementalReportWriter
{
    public string Format => "json";

    public void Write(Stream stream, GradeRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        Write(stream, run.Results, run.Errors, run);
    }

    public IIncrementalReport Start(Stream stream, Uri? helpBase) => new IncrementalJson(stream, helpBase);

    public const int SchemaVersion = 1;

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    public static void Write(Stream stream, IReadOnlyList<GradeResult> results, IReadOnlyList<ReadError> errors, GradeRun? run = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(errors);
        using var json = new IncrementalJson(stream, run?.HelpBase);
        foreach (var result in results)
        {
            json.Add(result);
        }

        json.Complete(errors, run?.Provenance);
    }

    /// <summary>
    /// The same report written one answer at a time, so a batch of any size holds one answer's data, not all.
    /// Call <see cref="Add"/> per answer in order, then <see cref="Complete(GradeRun)"/> once.
    /// </summary>
    public sealed class IncrementalJson : IIncrementalReport
    {
        private readonly Stream _stream;
        private readonly Utf8JsonWriter _json;
        private readonly GradeRun _helpLinks;

        public IncrementalJson(Stream stream, Uri? helpBase)
        {
            _stream = stream;
            _json = new Utf8JsonWriter(stream, Options);
            _helpLinks = new GradeRun([], [], helpBase);
            _json.WriteStartObject();
            _json.WriteNumber("schemaVersion", SchemaVersion);
            _json.WriteStartObject("tool");
            _json.WriteString("name", ToolInfo.Name);
            _json.WriteString("version", ToolInfo.Version);
            _json.WriteEndObject();
            _json.WriteStartArray("documents");
        }

        public void Add(GradeResult result)
        {
            WriteDocument(_json, result, _helpLinks);
            _json.Flush();
        }

        public void Complete(GradeRun rest)
        {
            ArgumentNullException.ThrowIfNull(rest);
            Complete(rest.Errors, rest.Provenance);
        }

        public void Complete(IEnumerable<ReadError> errors, Provenance? provenance = null)
        {
            ArgumentNullException.ThrowIfNull(errors);
            _json.WriteEndArray();
            _json.WriteStartArray("errors");
            foreach (var error in errors)
            {
                _json.WriteStartObject();
                _json.WriteString("path", error.Path);
                _json.WriteString("message", error.Message);
                _json.WriteEndObject();
            }

            _json.WriteEndArray();
            provenance?.WriteJson(_json, "provenance");
            _json.WriteEndObject();
            _json.Flush();
            _stream.WriteByte((byte)'\n');
        }

        public void Dispose() => _json.Dispose();
    }

    private static void WriteDocument(Utf8JsonWriter json, GradeResult result, GradeRun run)
    {
        json.WriteStartObject();
        json.WriteString("path", result.Path);
        json.WriteStartObject("problem");
        json.WriteString("id", result.Problem.Id);
        json.WriteString("source", result.Problem.Source);
        WriteNullable(json, "detected", result.Problem.Detected);
        if (result.Problem.Confidence is { } confidence)
        {
            json.WriteDouble("confidence", Math.Round(confidence, 2));
        }
        else
        {
            json.WriteNull("confidence");
        }

        json.WriteEndObject();
        json.WriteStartObject("score");
        json.WriteDouble("total", result.Score.Total);
        json.WriteDouble("max", result.Score.Max);
        json.WriteString("band", result.Score.Band);
        json.WriteDouble("relevance", Math.Round(result.Score.Relevance, 2));
        if (result.Score.Coherence is { } coherence)
        {
            json.WriteDouble("coherence", Math.Round(coherence, 2));
        }
        else
        {
            json.WriteNull("coherence");
        }

        json.WriteDouble("scatter", Math.Round(result.Score.ScatteredShare, 2));

        if (result.Score.RawTotal is { } raw)
        {
            json.WriteDouble("raw", raw);
        }
        else
        {
            json.WriteNull("raw");
        }

        json.WriteEndObject();
        json.WriteNumber("wordCount", result.Document.WordCount);

        json.WriteStartArray("sections");
        foreach (var step in result.Score.Steps)
        {
            json.WriteStartObject();
            json.WriteString("id", step.Step.ToId());
            WriteNullable(json, "heading", step.Heading);
            if (step.Line is { } line)
            {
                json.WriteNumber("line", line);
            }
            else
            {
                json.WriteNull("line");
            }

            json.WriteDouble("score", step.Score);
            json.WriteDouble("max", step.Max);
            WriteMapping(json, step.Mapping);
            json.WriteStartArray("criteria");
            foreach (var criterion in step.Criteria)
            {
                json.WriteStartObject();
                json.WriteString("id", criterion.Criterion.Id);
                json.WriteDouble("earned", Scoring.Scorer.Round(criterion.Score));
                json.WriteDouble("max", Scoring.Scorer.Round(criterion.Points));
                json.WriteStartArray("evidence");
                foreach (var span in criterion.Evidence)
                {
                    json.WriteStartObject();
                    json.WriteNumber("line", span.Line);
                    json.WriteNumber("column", span.Column);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                WriteNullable(json, "missing", criterion.Missing);
                WriteNullable(json, "explainedBy", criterion.ExplainedBy);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("diagnostics");
        var fingerprints = Fingerprints.Of(result);
        for (var i = 0; i < result.Diagnostics.Length; i++)
        {
            WriteDiagnostic(json, result.Diagnostics[i], fingerprints[i], run);
        }

        json.WriteEndArray();
        Llm.FeedbackText.WriteJson(json, result.Feedback);
        json.WriteEndObject();
    }

    // How the step was found: { source: heading|content|mixed, confidence, segments: [{ line, endLine, source, confidence }] }.
    private static void WriteMapping(Utf8JsonWriter json, Scoring.StepMapping? mapping)
    {
        if (mapping is null)
        {
            json.WriteNull("mapping");
            return;
        }

        json.WriteStartObject("mapping");
        json.WriteString("source", mapping.Source);
        json.WriteDouble("confidence", mapping.Confidence);
        json.WriteStartArray("segments");
        foreach (var segment in mapping.Segments)
        {
            json.WriteStartObject();
            json.WriteNumber("line", segment.Line);
            json.WriteNumber("endLine", segment.EndLine);
            json.WriteString("source", segment.Source == Mapping.MappingSource.Heading ? "heading" : "content");
            json.WriteDouble("confidence", segment.Confidence);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteDiagnostic(Utf8JsonWriter json, Diagnostic diagnostic, string fingerprint, GradeRun run)
    {
        json.WriteStartObject();
        json.WriteString("id", diagnostic.Id);
        json.WriteString("severity", diagnostic.Severity.ToId());
        json.WriteString("category", diagnostic.Descriptor.Category);
        json.WriteString("message", diagnostic.Message);
        WriteNullable(json, "section", diagnostic.Step?.ToId());
        WriteSpan(json, diagnostic.Span);
        json.WriteString("helpUri", run.HelpUri(diagnostic.Descriptor));
        WriteNullable(json, "criterion", diagnostic.CriterionId);
        json.WriteString("fingerprint", fingerprint);
        if (diagnostic.BaselineState is { } state)
        {
            json.WriteString("baselineState", state);
        }

        json.WriteBoolean("suppressed", diagnostic.IsSuppressed);
        if (diagnostic.Suppression is { } suppression)
        {
            json.WriteStartObject("suppression");
            json.WriteString("kind", suppression.Kind);
            WriteNullable(json, "justification", suppression.Reason);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteSpan(Utf8JsonWriter json, SourceSpan span)
    {
        WritePosition(json, "line", span.Line, span.IsNone);
        WritePosition(json, "column", span.Column, span.IsNone);
        WritePosition(json, "endLine", span.EndLine, span.IsNone);
        WritePosition(json, "endColumn", span.EndColumn, span.IsNone);
    }

    private static void WritePosition(Utf8JsonWriter json, string name, int value, bool none)
    {
        if (none)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteNumber(name, value);
        }
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
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
