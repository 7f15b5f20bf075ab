using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;
using Grader.Core.Reporting;

namespace Grader.Core.Comparison;

/// <summary>JSON and Markdown for <c>grader compare</c>; field names follow the check report's.</summary>
public static class ComparisonWriters
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    public static void WriteJson(Stream stream, Comparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        using var json = new Utf8JsonWriter(stream, Options);
        json.WriteStartObject();
        json.WriteNumber("schemaVersion", 1);
        json.WriteStartObject("tool");
        json.WriteString("name", ToolInfo.Name);
        json.WriteString("version", ToolInfo.Version);
        json.WriteEndObject();
        WriteSide(json, "old", comparison.Old);
        WriteSide(json, "new", comparison.New);
        json.WriteNumber("delta", comparison.Delta);
        json.WriteStartArray("sections");
        foreach (var step in comparison.Steps)
        {
            json.WriteStartObject();
            json.WriteString("id", step.Step.ToId());
            json.WriteNumber("before", step.Before);
            json.WriteNumber("after", step.After);
            json.WriteNumber("delta", step.Delta);
            json.WriteNumber("max", step.Max);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("findings");
        WriteFindings(json, "fixed", comparison.Fixed);
        WriteFindings(json, "new", comparison.Added);
        WriteFindings(json, "unchanged", comparison.Unchanged);
        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    public static void WriteMarkdown(Stream stream, Comparison comparison)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(comparison);
        var (o, n) = (comparison.Old.Result.Score, comparison.New.Result.Score);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"### {Reporting.UntrustedText.MarkdownCode(comparison.New.Label)} vs {Reporting.UntrustedText.MarkdownCode(comparison.Old.Label)}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"**{o.Total:0.0} ({o.Band}) → {n.Total:0.0} ({n.Band})**, {Signed(comparison.Delta)} points; ");
        text.Append(CultureInfo.InvariantCulture, $"{comparison.Fixed.Length} fixed, {comparison.Added.Length} new, {comparison.Unchanged.Length} unchanged findings.\n\n");
        text.Append("| Step | Before | After | Δ |\n|---|---:|---:|---:|\n");
        foreach (var s in comparison.Steps)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {s.Step.ToId()} | {s.Before:0.0} | {s.After:0.0} | {Signed(s.Delta)} |\n");
        }

        foreach (var (title, findings) in new[] { ("Fixed", comparison.Fixed), ("New", comparison.Added) })
        {
            if (findings.IsEmpty)
            {
                continue;
            }

            text.Append(CultureInfo.InvariantCulture, $"\n**{title}**\n\n");
            foreach (var f in findings.Take(15))
            {
                text.Append(CultureInfo.InvariantCulture, $"- `{f.Diagnostic.Id}` {f.Diagnostic.Step?.ToId() ?? "document"}: {Reporting.UntrustedText.Markdown(f.Diagnostic.Message)}\n");
            }

            if (findings.Length > 15)
            {
                text.Append(CultureInfo.InvariantCulture, $"- … and {findings.Length - 15} more\n");
            }
        }

        stream.Write(Encoding.UTF8.GetBytes(text.ToString()));
    }

    public static void WriteHistoryJson(Stream stream, string path, IReadOnlyList<HistoryEntry> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        using var json = new Utf8JsonWriter(stream, Options);
        json.WriteStartObject();
        json.WriteNumber("schemaVersion", 1);
        json.WriteString("path", path);
        json.WriteStartArray("commits");
        foreach (var entry in history)
        {
            json.WriteStartObject();
            json.WriteString("commit", entry.Commit);
            json.WriteString("date", entry.Date);
            json.WriteString("subject", entry.Subject);
            json.WriteString("problem", entry.Result.Problem.Id);
            json.WriteNumber("score", entry.Result.Score.Total);
            json.WriteString("band", entry.Result.Score.Band);
            json.WriteStartObject("sections");
            foreach (var step in entry.Result.Score.Steps)
            {
                json.WriteNumber(step.Step.ToId(), step.Score);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        stream.WriteByte((byte)'\n');
    }

    /// <summary>A self-contained page: the score over commits as an SVG line chart, and the table behind it.</summary>
    public static void WriteHistoryHtml(Stream stream, string path, IReadOnlyList<HistoryEntry> history)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(history);
        const int width = 720, height = 240, pad = 40;
        var points = history.Select((e, i) => (
            X: pad + (history.Count == 1 ? (width - (2 * pad)) / 2.0 : i * (width - (2.0 * pad)) / (history.Count - 1)),
            Y: height - pad - (e.Result.Score.Total / 100.0 * (height - (2.0 * pad))),
            Entry: e)).ToList();
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<title>Score history: {E(path)}</title>\n");
        html.Append("<style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:left}td.n{text-align:right}.axis{stroke:#999}.line{fill:none;stroke:#2a6fdb;stroke-width:2}circle{fill:#2a6fdb}text{font-size:11px;fill:#555}</style>\n");
        html.Append(CultureInfo.InvariantCulture, $"</head>\n<body>\n<h1>Score history: <code>{E(path)}</code></h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<svg width=\"{width}\" height=\"{height}\" role=\"img\" aria-label=\"Score of {E(path)} over {history.Count} commits\">\n");
        html.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{pad}\" y1=\"{height - pad}\" x2=\"{width - pad}\" y2=\"{height - pad}\"/>\n");
        html.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{pad}\" y1=\"{pad}\" x2=\"{pad}\" y2=\"{height - pad}\"/>\n");
        foreach (var tick in new[] { 0, 50, 100 })
        {
            var y = height - pad - (tick / 100.0 * (height - (2.0 * pad)));
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{pad - 8}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{tick}</text>\n");
        }

        if (points.Count > 1)
        {
            html.Append("<polyline class=\"line\" points=\"");
            html.AppendJoin(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X:0.#},{p.Y:0.#}")));
            html.Append("\"/>\n");
        }

        foreach (var p in points)
        {
            html.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{p.X:0.#}\" cy=\"{p.Y:0.#}\" r=\"4\"><title>{E(p.Entry.Commit)} {E(p.Entry.Date)}: {p.Entry.Result.Score.Total:0.0}</title></circle>\n");
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{p.X:0.#}\" y=\"{height - pad + 16}\" text-anchor=\"middle\">{E(p.Entry.Commit)}</text>\n");
        }

        html.Append("</svg>\n<table>\n<thead><tr><th>Commit</th><th>Date</th><th>Subject</th><th>Problem</th><th>Score</th><th>Band</th></tr></thead>\n<tbody>\n");
        foreach (var e in history)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{E(e.Commit)}</code></td><td>{E(e.Date)}</td><td>{E(e.Subject)}</td><td>{E(e.Result.Problem.Id)}</td><td class=\"n\">{e.Result.Score.Total:0.0}</td><td>{E(e.Result.Score.Band)}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</body>\n</html>\n");
        stream.Write(Encoding.UTF8.GetBytes(html.ToString()));
    }

    private static void WriteSide(Utf8JsonWriter json, string name, Revision revision)
    {
        json.WriteStartObject(name);
        json.WriteString("label", revision.Label);
        json.WriteString("problem", revision.Result.Problem.Id);
        json.WriteNumber("total", revision.Result.Score.Total);
        json.WriteString("band", revision.Result.Score.Band);
        json.WriteEndObject();
    }

    private static void WriteFindings(Utf8JsonWriter json, string name, IEnumerable<TrackedFinding> findings)
    {
        json.WriteStartArray(name);
        foreach (var f in findings)
        {
            json.WriteStartObject();
            json.WriteString("id", f.Diagnostic.Id);
            json.WriteString("severity", f.Diagnostic.Severity.ToId());
            json.WriteString("message", f.Diagnostic.Message);
            if (f.Diagnostic.Step is { } step)
            {
                json.WriteString("section", step.ToId());
            }
            else
            {
                json.WriteNull("section");
            }

            if (f.Diagnostic.Span.IsNone)
            {
                json.WriteNull("line");
            }
            else
            {
                json.WriteNumber("line", f.Diagnostic.Span.Line);
            }

            json.WriteString("fingerprint", f.Fingerprint);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static string Signed(double value) => value.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);

    // Commit subjects and paths are untrusted: visible escapes for control characters, then HTML-encoded.
    private static string E(string text) => System.Net.WebUtility.HtmlEncode(Reporting.UntrustedText.Visible(text));
}
