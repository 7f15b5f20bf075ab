using System.Globalization;
using System.Net;
using System.Text;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;
using Grader.Core.Parsing;
using Grader.Core.Scoring;

namespace Grader.Core.Reporting;

/// <summary>
/// One self-contained HTML5 page per run: inline CSS and SVG, no script, no external resource. Answers are untrusted,
/// so every piece of their text, every path and every message is HTML-encoded, and a Content-Security-Policy forbids
/// script as a second line of defence. Anchors are numbered by input order (<c>f1</c>, <c>f1-L42</c>, <c>f1-d3</c>),
/// never derived from paths, and nothing depends on the clock or culture: the same run gives the same bytes.
/// </summary>
public sealed class HtmlReportWriter : IReportWriter
{
    /// <summary>Lines quoted per finding: a span over a whole table quotes its start, not all of it.</summary>
    public const int MaxQuotedLines = 8;

    private const string Csp = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

    private const string Css = """
        :root { color-scheme: light; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --head: #f6f8fa;
          --error: #b42318; --warning: #8a5a00; --info: #0550ae; --mark: #fff8c5; }
        * { box-sizing: border-box; }
        body { margin: 0 auto; max-width: 76rem; padding: 1.5rem; color: var(--fg); background: #fff;
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
        h1 { font-size: 1.6rem; margin: 0 0 1rem; }
        h2 { font-size: 1.3rem; margin: 2.5rem 0 .75rem; padding-bottom: .3rem; border-bottom: 2px solid var(--line);
          overflow-wrap: anywhere; }
        h3 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
        a { color: #0550ae; }
        table { border-collapse: collapse; width: 100%; margin: .25rem 0 1rem; }
        caption { text-align: left; color: var(--muted); padding-bottom: .25rem; }
        th, td { border: 1px solid var(--line); padding: .3rem .55rem; text-align: left; vertical-align: top; }
        thead th, tfoot th, tfoot td { background: var(--head); }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .path { overflow-wrap: anywhere; }
        code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .88em; }
        .muted { color: var(--muted); }
        .band { display: inline-block; padding: 0 .6rem; border-radius: 1rem; background: #eaeef2; font-weight: 600; }
        .facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0 0 1rem; }
        .facts dt { color: var(--muted); }
        .facts dd { margin: 0; }
        .sev { font-weight: 700; font-size: .8em; text-transform: uppercase; letter-spacing: .03em; white-space: nowrap; }
        .sev-error { color: var(--error); }
        .sev-warning { color: var(--warning); }
        .sev-info { color: var(--info); }
        .step { color: var(--muted); font-size: .85em; white-space: nowrap; }
        tr.suppressed td, tr.suppressed td * { color: #6e7781; }
        tr.suppressed .message { text-decoration: line-through; text-decoration-color: #afb8c1; }
        .why { font-style: italic; }
        table.source { table-layout: fixed; }
        .source col.line { width: 4.5rem; }
        .source col.refs { width: 15rem; }
        .source tbody th { color: var(--muted); font-weight: 400; }
        .source pre { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
                .source tr.gap td { text-align: center; color: var(--muted); background: var(--head); padding: 0; }
        tr:target, tr:target th, tr:target td { background: var(--mark); }
        .read-errors { border: 2px solid var(--error); border-radius: .4rem; padding: .25rem 1rem; }
        .read-errors h2 { margin-top: .5rem; border: 0; color: var(--error); }
        svg.chart { display: block; max-width: 100%; height: auto; }
        svg.chart text { font: 13px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; fill: #1f2328; }
        svg.chart .track { fill: #eaeef2; stroke: #afb8c1; }
        svg.chart .good { fill: #2da44e; }
        svg.chart .fair { fill: #d4a72c; }
        svg.chart .poor { fill: #cf222e; }
        """;

    private const int ChartWidth = 720;
    private const int LabelWidth = 120;
    private const int BarArea = 480;
    private const int RowHeight = 30;
    private const int BarHeight = 18;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public string Format => "html";

    public void Write(Stream stream, GradeRun run)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(run);
        var html = new StringBuilder();
        var title = $"{ToolInfo.Name} {ToolInfo.Version}: grading report";
        html.Append(Inv, $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="{E(Csp)}">
            <link rel="icon" href="data:,">
            <title>{E(title)}</title>
            <style>
            {Css}
            </style>
            </head>
            <body>
            <header>
            <h1>{E(title)}</h1>
            </header>
            <main>

            """);
        WriteReadErrors(html, run.Errors);
        WriteSummary(html, run.Results);
        for (var i = 0; i < run.Results.Length; i++)
        {
            WriteAnswer(html, run.Results[i], $"f{N(i + 1)}");
        }

        if (run.Provenance is { } provenance)
        {
            html.Append("<section class=\"provenance\" aria-labelledby=\"provenance\">\n<h2 id=\"provenance\">What graded this</h2>\n<ul>\n");
            foreach (var line in provenance.Lines(run.Results))
            {
                html.Append(Inv, $"<li>{E(line)}</li>\n");
            }

            html.Append("</ul>\n</section>\n");
        }

        html.Append("</main>\n</body>\n</html>\n");
        // Templates are raw string literals whose line breaks follow the checkout, so normalise them. Answer text is
        // unaffected: E() leaves no line break but '\n' (which maps to itself) and encodes U+2028/U+2029.
        stream.Write(Utf8.GetBytes(html.ToString().ReplaceLineEndings("\n")));
    }

    private static void WriteReadErrors(StringBuilder html, IReadOnlyList<ReadError> errors)
    {
        if (errors.Count == 0)
        {
            return;
        }

        html.Append("<section class=\"read-errors\" aria-labelledby=\"read-errors\">\n<h2 id=\"read-errors\">Files not read</h2>\n<ul>\n");
        foreach (var error in errors)
        {
            html.Append(Inv, $"<li><code class=\"path\">{E(error.Path)}</code>: {E(error.Message)}</li>\n");
        }

        html.Append("</ul>\n</section>\n");
    }

    private static void WriteSummary(StringBuilder html, IReadOnlyList<GradeResult> results)
    {
        html.Append("""
            <section aria-labelledby="summary">
            <h2 id="summary">Summary</h2>
            <table>
            <caption>Answers graded, in input order. Counts leave out suppressed findings.</caption>
            <thead><tr><th scope="col">File</th><th scope="col">Problem</th><th scope="col" class="num">Score</th><th scope="col">Band</th><th scope="col" class="num">Errors</th><th scope="col" class="num">Warnings</th></tr></thead>
            <tbody>

            """);
        if (results.Count == 0)
        {
            html.Append("<tr><td colspan=\"6\" class=\"muted\">No answers were graded.</td></tr>\n");
        }

        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            html.Append(Inv, $"""
                <tr><th scope="row" class="path"><a href="#f{N(i + 1)}">{E(r.Path)}</a></th><td>{E(r.Problem.Id)}</td><td class="num">{Score(r.Score.Total)} / {Score(r.Score.Max)}</td><td>{E(r.Score.Band)}</td><td class="num">{N(Count(r, Severity.Error))}</td><td class="num">{N(Count(r, Severity.Warning))}</td></tr>

                """);
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void WriteAnswer(StringBuilder html, GradeResult result, string id)
    {
        var score = result.Score;
        html.Append(Inv, $"""
            <section class="answer" id="{id}" aria-labelledby="{id}-h">
            <h2 id="{id}-h"><code class="path">{E(result.Path)}</code></h2>
            <dl class="facts">
            <dt>Score</dt><dd><strong>{Score(score.Total)}</strong> / {Score(score.Max)} <span class="band">{E(score.Band)}</span></dd>
            <dt>Problem</dt><dd>{E(result.Problem.Id)} <span class="muted">({E(Describe(result.Problem))})</span></dd>

            """);
        if (score.RawTotal is { } raw)
        {
            html.Append(Inv, $"<dt>Relevance</dt><dd>{Fixed(score.Relevance, "0.00")} <span class=\"muted\">(rubric alone gave {Score(raw)})</span></dd>\n");
        }

        if (score.Coherence is { } coherence)
        {
            html.Append(Inv, $"<dt>Coherence</dt><dd>{Fixed(coherence, "0.00")}</dd>\n");
        }

        html.Append(Inv, $"<dt>Words</dt><dd>{N(result.Document.WordCount)}</dd>\n</dl>\n");
        WriteChart(html, result, id);
        WriteSteps(html, score);
        var findings = FindingPoints.ByCost(result, result.Diagnostics);
        var quoted = QuotedLines(result, findings);
        WriteFindings(html, result, findings, id, quoted);
        WriteFeedback(html, result, id);
        WriteSource(html, result, findings, id, quoted);
        html.Append("</section>\n");
    }

    private static void WriteFeedback(StringBuilder html, GradeResult result, string id)
    {
        if (result.Feedback is not { } feedback)
        {
            return;
        }

        html.Append(Inv, $"<aside class=\"feedback\" aria-labelledby=\"{id}-llm\">\n<h3 id=\"{id}-llm\">Model-written feedback</h3>\n<p><em>{E(Llm.FeedbackText.Header(feedback))}</em></p>\n<dl>\n");
        foreach (var area in feedback.Areas)
        {
            var lines = string.Join(", ", area.Lines.Select(l => $"<a href=\"#{id}-L{l}\">{l}</a>"));
            html.Append(Inv, $"<dt>{E(area.Area)}: {area.Rating}/5</dt><dd>");
            html.Append(string.Join("", area.Strengths.Select(s => $"<div>+ {E(s)}</div>")));
            html.Append(string.Join("", area.Gaps.Select(g => $"<div>&minus; {E(g)}</div>")));
            if (lines.Length > 0)
            {
                html.Append(Inv, $"<div>Lines: {lines}</div>");
            }

            html.Append("</dd>\n");
        }

        html.Append("</dl>\n</aside>\n");
    }

    private static void WriteChart(StringBuilder html, GradeResult result, string id)
    {
        var steps = result.Score.Steps;
        var scale = steps.IsEmpty ? 0 : steps.Max(s => s.Max);
        var height = (steps.Length * RowHeight) + 8;
        var label = string.Join("; ", steps.Select(s => $"{s.Step.ToId()} {Score(s.Score)} of {Score(s.Max)}"));
        html.Append(Inv, $"""
            <h3 id="{id}-chart">Step scores</h3>
            <svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{E("Step scores: " + label)}" width="{N(ChartWidth)}" height="{N(height)}" viewBox="0 0 {N(ChartWidth)} {N(height)}">

            """);
        for (var i = 0; i < steps.Length; i++)
        {
            var step = steps[i];
            var y = 4 + (i * RowHeight);
            var track = Length(step.Max, scale);
            var bar = Math.Min(track, Length(step.Score, scale));
            var fraction = step.Max > 0 ? step.Score / step.Max : 0;
            var grade = fraction >= 0.75 ? "good" : fraction >= 0.4 ? "fair" : "poor";
            var text = y + (BarHeight / 2) + 5;
            html.Append(Inv, $"""
                <g><title>{E($"{step.Step.ToId()}: {Score(step.Score)} of {Score(step.Max)}")}</title><text x="{N(LabelWidth - 8)}" y="{N(text)}" text-anchor="end">{E(step.Step.ToId())}</text><path class="track" d="M{Fixed(LabelWidth + 0.5, "0.0")} {Fixed(y + 0.5, "0.0")}h{Fixed(track, "0.0")}v{N(BarHeight)}h-{Fixed(track, "0.0")}z"/><rect class="bar {grade}" x="{N(LabelWidth)}" y="{N(y)}" width="{Fixed(bar, "0.0")}" height="{N(BarHeight)}"/><text x="{Fixed(LabelWidth + track + 8, "0.0")}" y="{N(text)}">{Score(step.Score)} / {Score(step.Max)}</text></g>

                """);
        }

        html.Append("</svg>\n");
    }

    private static void WriteSteps(StringBuilder html, ScoreCard score)
    {
        html.Append("""
            <table class="steps">
            <caption>Score per framework step</caption>
            <thead><tr><th scope="col">Step</th><th scope="col">Heading</th><th scope="col" class="num">Line</th><th scope="col">Mapped</th><th scope="col" class="num">Score</th><th scope="col" class="num">Max</th><th scope="col" class="num">Criteria met</th></tr></thead>
            <tbody>

            """);
        foreach (var step in score.Steps)
        {
            var heading = step.Heading is { } h ? E(h) : $"<span class=\"muted\">{(step.Line is null ? "(missing)" : "(from content)")}</span>";
            var met = step.Criteria.Count(c => c.Fraction >= 1);
            html.Append(Inv, $"""
                <tr><th scope="row">{E(step.Step.ToId())}</th><td>{heading}</td><td class="num">{(step.Line is { } line ? N(line) : "–")}</td><td>{E(step.Mapping?.Describe() ?? "–")}</td><td class="num">{Score(step.Score)}</td><td class="num">{Score(step.Max)}</td><td class="num">{N(met)} of {N(step.Criteria.Length)}</td></tr>

                """);
        }

        html.Append(Inv, $"""
            </tbody>
            <tfoot><tr><th scope="row">total</th><td>{E(score.Band)}</td><td></td><td></td><td class="num">{Score(score.Total)}</td><td class="num">{Score(score.Max)}</td><td></td></tr></tfoot>
            </table>

            """);
    }

    private static void WriteFindings(StringBuilder html, GradeResult result, IReadOnlyList<Diagnostic> findings, string id, SortedDictionary<int, List<int>> quoted)
    {
        html.Append(Inv, $"<h3 id=\"{id}-findings\">Findings</h3>\n");
        if (findings.Count == 0)
        {
            html.Append("<p class=\"muted\">No findings.</p>\n");
            return;
        }

        html.Append("""
            <table class="findings">
            <caption>Costliest first; ties by severity, then place in the answer; suppressed findings last</caption>
            <thead><tr><th scope="col">Severity</th><th scope="col">Rule</th><th scope="col">Location</th><th scope="col">Message</th></tr></thead>
            <tbody>

            """);
        for (var i = 0; i < findings.Count; i++)
        {
            var d = findings[i];
            var severity = d.Severity.ToId();
            var location = d.Span.IsNone ? "<span class=\"muted\">no location</span>"
                : quoted.ContainsKey(d.Span.Line) ? $"<a href=\"#{id}-L{N(d.Span.Line)}\">{E(Where(d.Span))}</a>"
                : E(Where(d.Span));
            var step = d.Step is { } s ? $" <span class=\"step\">[{E(s.ToId())}]</span>" : "";
            var suppressed = d.Suppression is { } suppression
                ? $" <span class=\"why\">(suppressed: {E(suppression.Reason ?? "no reason given")})</span>"
                : "";
            html.Append(Inv, $"""
                <tr id="{id}-d{N(i + 1)}"{(d.IsSuppressed ? " class=\"suppressed\"" : "")}><td class="sev sev-{E(severity)}">{E(severity)}</td><td><a href="{E(d.Descriptor.HelpUri)}" title="{E(d.Descriptor.Title)}"><code>{E(d.Id)}</code></a></td><td class="num">{location}</td><td><span class="message">{E(FindingPoints.Message(result, d))}</span>{step}{suppressed}</td></tr>

                """);
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void WriteSource(StringBuilder html, GradeResult result, IReadOnlyList<Diagnostic> findings, string id, SortedDictionary<int, List<int>> quoted)
    {
        if (quoted.Count == 0)
        {
            return;
        }

        html.Append(Inv, $"""
            <h3 id="{id}-source">Source</h3>
            <table class="source">
            <caption>The lines findings point at, as written in the answer</caption>
            <colgroup><col class="line"><col><col class="refs"></colgroup>
            <thead><tr><th scope="col" class="num">Line</th><th scope="col">Text</th><th scope="col">Findings</th></tr></thead>
            <tbody>

            """);
        var previous = 0;
        foreach (var (line, indices) in quoted)
        {
            if (previous != 0 && line != previous + 1)
            {
                html.Append("<tr class=\"gap\"><td colspan=\"3\" aria-label=\"lines omitted\">⋯</td></tr>\n");
            }

            var refs = string.Join(" ", indices.Select(f => $"<a href=\"#{id}-d{N(f + 1)}\">{E(findings[f].Id)}</a>"));
            html.Append(Inv, $"""
                <tr id="{id}-L{N(line)}"><th scope="row" class="num">{N(line)}</th><td><pre>{E(result.Document.Source.GetLine(line))}</pre></td><td class="refs">{refs}</td></tr>

                """);
            previous = line;
        }

        html.Append("</tbody>\n</table>\n");
    }

    /// <summary>Each source line a finding points at, with the indices of those findings, in line order.</summary>
    private static SortedDictionary<int, List<int>> QuotedLines(GradeResult result, IReadOnlyList<Diagnostic> findings)
    {
        var lines = new SortedDictionary<int, List<int>>();
        var count = result.Document.Source.LineCount;
        for (var i = 0; i < findings.Count; i++)
        {
            var span = findings[i].Span;
            if (span.IsNone || span.Line < 1 || span.Line > count)
            {
                continue;
            }

            var last = Math.Min(Math.Min(Math.Max(span.EndLine, span.Line), count), span.Line + MaxQuotedLines - 1);
            for (var line = span.Line; line <= last; line++)
            {
                if (!lines.TryGetValue(line, out var list))
                {
                    lines[line] = list = [];
                }

                list.Add(i);
            }
        }

        // Lines the model's feedback cites are quoted too, so its links have somewhere to land.
        foreach (var line in result.Feedback?.Areas.SelectMany(a => a.Lines) ?? [])
        {
            if (line >= 1 && line <= count && !lines.ContainsKey(line))
            {
                lines[line] = [];
            }
        }

        return lines;
    }

    private static int Count(GradeResult result, Severity severity) =>
        result.Diagnostics.Count(d => d.Severity == severity && !d.IsSuppressed);

    private static string Describe(ProblemResolution problem)
    {
        var source = problem.Source switch
        {
            "flag" => "chosen with --problem",
            "front-matter" => "declared in front matter",
            "title" => "named by the title",
            "detected" => "detected",
            "default" => "no problem recognised; base rubric",
            var other => other,
        };
        return problem.Detected is { } detected && problem.Confidence is { } confidence
            ? $"{source}; detection: {detected}, confidence {Fixed(confidence, "0.00")}"
            : source;
    }

    private static string Where(SourceSpan span) =>
        span.EndLine > span.Line
            ? $"{N(span.Line)}:{N(span.Column)}–{N(span.EndLine)}:{N(span.EndColumn)}"
            : $"{N(span.Line)}:{N(span.Column)}";

    private static double Length(double value, double scale) => scale > 0 ? Math.Max(0, value) / scale * BarArea : 0;

    private static string Score(double value) => Fixed(value, "0.0");

    private static string Fixed(double value, string format) => value.ToString(format, Inv);

    private static string N(int value) => value.ToString(Inv);

    /// <summary>
    /// Encodes text for element content and quoted attributes. Control characters other than tab and newline become
    /// U+FFFD (HTML forbids them); the Unicode line and paragraph separators become references, so no answer text
    /// changes when the page's own line breaks are normalised.
    /// </summary>
    private static string E(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        if (text.Any(c => char.IsControl(c) && c is not '\t' and not '\n'))
        {
            text = string.Concat(text.Select(c => char.IsControl(c) && c is not '\t' and not '\n' ? '\uFFFD' : c));
        }

        return WebUtility.HtmlEncode(text).Replace("\u2028", "&#x2028;", StringComparison.Ordinal)
            .Replace("\u2029", "&#x2029;", StringComparison.Ordinal);
    }
}
