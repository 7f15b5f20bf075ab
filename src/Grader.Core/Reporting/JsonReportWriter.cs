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

    // Property names (and the two fixed values a segment's source takes) encoded once: written from a string, each was
    // transcoded and checked for characters to escape every time, most of the cost of a report's small values.
    private static class Names
    {
        private static JsonEncodedText E(string name) => JsonEncodedText.Encode(name, Options.Encoder);

        public static readonly JsonEncodedText Band = E("band");
        public static readonly JsonEncodedText BaselineState = E("baselineState");
        public static readonly JsonEncodedText Category = E("category");
        public static readonly JsonEncodedText Coherence = E("coherence");
        public static readonly JsonEncodedText Column = E("column");
        public static readonly JsonEncodedText Confidence = E("confidence");
        public static readonly JsonEncodedText Criteria = E("criteria");
        public static readonly JsonEncodedText Criterion = E("criterion");
        public static readonly JsonEncodedText Detected = E("detected");
        public static readonly JsonEncodedText Diagnostics = E("diagnostics");
        public static readonly JsonEncodedText Earned = E("earned");
        public static readonly JsonEncodedText EndColumn = E("endColumn");
        public static readonly JsonEncodedText EndLine = E("endLine");
        public static readonly JsonEncodedText Evidence = E("evidence");
        public static readonly JsonEncodedText ExplainedBy = E("explainedBy");
        public static readonly JsonEncodedText Fingerprint = E("fingerprint");
        public static readonly JsonEncodedText Heading = E("heading");
        public static readonly JsonEncodedText Content = E("content");
        public static readonly JsonEncodedText HelpUri = E("helpUri");
        public static readonly JsonEncodedText Id = E("id");
        public static readonly JsonEncodedText Justification = E("justification");
        public static readonly JsonEncodedText Kind = E("kind");
        public static readonly JsonEncodedText Line = E("line");
        public static readonly JsonEncodedText Mapping = E("mapping");
        public static readonly JsonEncodedText Max = E("max");
        public static readonly JsonEncodedText Message = E("message");
        public static readonly JsonEncodedText Missing = E("missing");
        public static readonly JsonEncodedText Path = E("path");
        public static readonly JsonEncodedText Problem = E("problem");
        public static readonly JsonEncodedText Raw = E("raw");
        public static readonly JsonEncodedText Relevance = E("relevance");
        public static readonly JsonEncodedText Scatter = E("scatter");
        public static readonly JsonEncodedText Score = E("score");
        public static readonly JsonEncodedText Section = E("section");
        public static readonly JsonEncodedText Sections = E("sections");
        public static readonly JsonEncodedText Segments = E("segments");
        public static readonly JsonEncodedText Severity = E("severity");
        public static readonly JsonEncodedText Source = E("source");
        public static readonly JsonEncodedText Suppressed = E("suppressed");
        public static readonly JsonEncodedText Suppression = E("suppression");
        public static readonly JsonEncodedText Total = E("total");
        public static readonly JsonEncodedText WordCount = E("wordCount");
    }

    private static void WriteDocument(Utf8JsonWriter json, GradeResult result, GradeRun run)
    {
        json.WriteStartObject();
        json.WriteString(Names.Path, result.Path);
        json.WriteStartObject(Names.Problem);
        json.WriteString(Names.Id, result.Problem.Id);
        json.WriteString(Names.Source, result.Problem.Source);
        WriteNullable(json, Names.Detected, result.Problem.Detected);
        if (result.Problem.Confidence is { } confidence)
        {
            json.WriteDouble(Names.Confidence, Math.Round(confidence, 2));
        }
        else
        {
            json.WriteNull(Names.Confidence);
        }

        json.WriteEndObject();
        json.WriteStartObject(Names.Score);
        json.WriteDouble(Names.Total, result.Score.Total);
        json.WriteDouble(Names.Max, result.Score.Max);
        json.WriteString(Names.Band, result.Score.Band);
        json.WriteDouble(Names.Relevance, Math.Round(result.Score.Relevance, 2));
        if (result.Score.Coherence is { } coherence)
        {
            json.WriteDouble(Names.Coherence, Math.Round(coherence, 2));
        }
        else
        {
            json.WriteNull(Names.Coherence);
        }

        json.WriteDouble(Names.Scatter, Math.Round(result.Score.ScatteredShare, 2));

        if (result.Score.RawTotal is { } raw)
        {
            json.WriteDouble(Names.Raw, raw);
        }
        else
        {
            json.WriteNull(Names.Raw);
        }

        json.WriteEndObject();
        json.WriteNumber(Names.WordCount, result.Document.WordCount);

        json.WriteStartArray(Names.Sections);
        foreach (var step in result.Score.Steps)
        {
            json.WriteStartObject();
            json.WriteString(Names.Id, step.Step.ToId());
            WriteNullable(json, Names.Heading, step.Heading);
            if (step.Line is { } line)
            {
                json.WriteNumber(Names.Line, line);
            }
            else
            {
                json.WriteNull(Names.Line);
            }

            json.WriteDouble(Names.Score, step.Score);
            json.WriteDouble(Names.Max, step.Max);
            WriteMapping(json, step.Mapping);
            json.WriteStartArray(Names.Criteria);
            foreach (var criterion in step.Criteria)
            {
                json.WriteStartObject();
                json.WriteString(Names.Id, criterion.Criterion.Id);
                json.WriteDouble(Names.Earned, Scoring.Scorer.Round(criterion.Score));
                json.WriteDouble(Names.Max, Scoring.Scorer.Round(criterion.Points));
                json.WriteStartArray(Names.Evidence);
                foreach (var span in criterion.Evidence)
                {
                    json.WriteStartObject();
                    json.WriteNumber(Names.Line, span.Line);
                    json.WriteNumber(Names.Column, span.Column);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                WriteNullable(json, Names.Missing, criterion.Missing);
                WriteNullable(json, Names.ExplainedBy, criterion.ExplainedBy);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray(Names.Diagnostics);
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
            json.WriteNull(Names.Mapping);
            return;
        }

        json.WriteStartObject(Names.Mapping);
        json.WriteString(Names.Source, mapping.Source);
        json.WriteDouble(Names.Confidence, mapping.Confidence);
        json.WriteStartArray(Names.Segments);
        foreach (var segment in mapping.Segments)
        {
            json.WriteStartObject();
            json.WriteNumber(Names.Line, segment.Line);
            json.WriteNumber(Names.EndLine, segment.EndLine);
            json.WriteString(Names.Source, segment.Source == Mapping.MappingSource.Heading ? Names.Heading : Names.Content);
            json.WriteDouble(Names.Confidence, segment.Confidence);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteDiagnostic(Utf8JsonWriter json, Diagnostic diagnostic, string fingerprint, GradeRun run)
    {
        json.WriteStartObject();
        json.WriteString(Names.Id, diagnostic.Id);
        json.WriteString(Names.Severity, diagnostic.Severity.ToId());
        json.WriteString(Names.Category, diagnostic.Descriptor.Category);
        json.WriteString(Names.Message, diagnostic.Message);
        WriteNullable(json, Names.Section, diagnostic.Step?.ToId());
        WriteSpan(json, diagnostic.Span);
        json.WriteString(Names.HelpUri, run.HelpUri(diagnostic.Descriptor));
        WriteNullable(json, Names.Criterion, diagnostic.CriterionId);
        json.WriteString(Names.Fingerprint, fingerprint);
        if (diagnostic.BaselineState is { } state)
        {
            json.WriteString(Names.BaselineState, state);
        }

        json.WriteBoolean(Names.Suppressed, diagnostic.IsSuppressed);
        if (diagnostic.Suppression is { } suppression)
        {
            json.WriteStartObject(Names.Suppression);
            json.WriteString(Names.Kind, suppression.Kind);
            WriteNullable(json, Names.Justification, suppression.Reason);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteSpan(Utf8JsonWriter json, SourceSpan span)
    {
        WritePosition(json, Names.Line, span.Line, span.IsNone);
        WritePosition(json, Names.Column, span.Column, span.IsNone);
        WritePosition(json, Names.EndLine, span.EndLine, span.IsNone);
        WritePosition(json, Names.EndColumn, span.EndColumn, span.IsNone);
    }

    private static void WritePosition(Utf8JsonWriter json, JsonEncodedText name, int value, bool none)
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

    private static void WriteNullable(Utf8JsonWriter json, JsonEncodedText name, string? value)
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
