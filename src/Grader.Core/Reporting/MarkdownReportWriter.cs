using System.Globalization;
using System.Text;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;

namespace Grader.Core.Reporting;

/// <summary>
/// A score table and the most important findings, sized for a pull-request comment or $GITHUB_STEP_SUMMARY
/// (kept under <see cref="MaxLength"/> characters; what does not fit is counted, not dropped silently).
/// </summary>
public sealed class MarkdownReportWriter : IReportWriter
{
    /// <summary>GitHub comments hold 65,536 characters; stay well below.</summary>
    public const int MaxLength = 60_000;

    private const int FindingsPerAnswer = 10;

    // Room kept for the two closing lines, so the report never passes MaxLength.
    private const int Reserve = 200;

    // Longest path, message or model sentence shown; a longer one is cut with an ellipsis.
    private const int MaxField = 500;

    public string Format => "markdown";

    public void Write(Stream stream, GradeRun run)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(run);
        var text = new StringBuilder();
        text.Append("## Grader report\n\n");
        text.Append("| Answer | Problem | Score | Band | Errors | Warnings |\n|---|---|---:|---|---:|---:|\n");
        var rows = run.Results.Select(r =>
            {
                var active = r.Diagnostics.Where(d => !d.IsSuppressed).ToList();
                return string.Create(CultureInfo.InvariantCulture,
                    $"| {Code(r.Path)} | {Text(r.Problem.Id)} | {r.Score.Total:0.0} | {Text(r.Score.Band)} | {active.Count(d => d.Severity == Severity.Error)} | {active.Count(d => d.Severity == Severity.Warning)} |\n");
            })
            .Concat(run.Errors.Select(e => $"| {Code(e.Path)} | — | — | not graded: {Text(e.Message)} | 1 | 0 |\n"))
            .ToList();

        // The table comes first and may use most of the room; room is kept for the closing lines.
        var hidden = 0;
        foreach (var row in rows)
        {
            if (hidden > 0 || text.Length + row.Length > MaxLength - Reserve)
            {
                hidden++;
                continue;
            }

            text.Append(row);
        }

        if (hidden > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n_{hidden} more answers not shown; see the full report._\n");
        }

        foreach (var gate in (run.Gates.IsDefault ? [] : run.Gates).Take(20))
        {
            text.Append(CultureInfo.InvariantCulture, $"\n**Gate failed:** {Code(gate.Path)}: {Text(gate.Reason)}\n");
        }

        // What graded the run: a suppressed finding or a config must never be invisible in the comment.
        if (Provenance.SuppressionLine(run.Results) is { } suppressed)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{Text(suppressed)}\n");
        }

        if (run.Provenance is { } provenance)
        {
            var configs = provenance.Configs.Where(c => c.Used).Select(c => $"{Code(c.Path)} (sha256 {c.Sha256[..12]})").ToList();
            text.Append(CultureInfo.InvariantCulture, $"\nGraded {(provenance.CiMode ? "in CI mode " : "")}with {(configs.Count == 0 ? "no config file" : string.Join(", ", configs))} and {provenance.Rubrics.Length} rubric file(s); {provenance.Configs.Count(c => !c.Used)} config file(s) ignored.\n");
            foreach (var line in provenance.RulesOffLines(Code, Code))
            {
                text.Append(CultureInfo.InvariantCulture, $"\n{line}\n");
            }
        }

        var omitted = 0;
        foreach (var r in run.Results)
        {
            var section = Details(r);
            if (omitted > 0 || text.Length + section.Length > MaxLength - Reserve)
            {
                omitted++;
                continue;
            }

            text.Append(section);
        }

        if (omitted > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n_{omitted} answers' details omitted to fit a comment; see the full report._\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        stream.Write(bytes);
    }

    private static string Details(GradeResult r)
    {
        var section = new StringBuilder();
        // Inside <summary> Markdown is not parsed, so the path is HTML-encoded there, not escaped as Markdown.
        section.Append(CultureInfo.InvariantCulture, $"\n<details><summary><code>{Html(r.Path)}</code>: {r.Score.Total:0.0} / {r.Score.Max:0} ({Html(r.Score.Band)})</summary>\n\n");
        section.Append("| Step | Score | Max |\n|---|---:|---:|\n");
        foreach (var s in r.Score.Steps)
        {
            section.Append(CultureInfo.InvariantCulture, $"| {s.Step.ToId()} | {s.Score:0.0} | {s.Max:0.0} |\n");
        }

        // Costliest first: the comment shows the first few only.
        var findings = FindingPoints.ByCost(r, r.Diagnostics.Where(d => !d.IsSuppressed));
        if (findings.Count > 0)
        {
            section.Append('\n');
            foreach (var d in findings.Take(FindingsPerAnswer))
            {
                var at = d.Span.IsNone ? "" : string.Create(CultureInfo.InvariantCulture, $" (line {d.Span.Line})");
                section.Append(CultureInfo.InvariantCulture, $"- **{d.Severity.ToId()}** `{d.Id}`{at}: {Text(FindingPoints.Message(r, d))}\n");
            }

            if (findings.Count > FindingsPerAnswer)
            {
                section.Append(CultureInfo.InvariantCulture, $"- … and {findings.Count - FindingsPerAnswer} more findings\n");
            }
        }

        if (r.Feedback is { } feedback)
        {
            section.Append(CultureInfo.InvariantCulture, $"\n> **{Text(Llm.FeedbackText.Header(feedback))}**\n");
            foreach (var area in feedback.Areas)
            {
                section.Append(CultureInfo.InvariantCulture, $">\n> *{Text(area.Area)}* {area.Rating}/5{Llm.FeedbackText.Lines(area)}\n");
                foreach (var gap in area.Gaps.Take(4))
                {
                    section.Append(CultureInfo.InvariantCulture, $"> - gap: {Text(gap)}\n");
                }
            }
        }

        section.Append("\n</details>\n");
        return section.ToString();
    }

    // Untrusted text in Markdown: inert (no HTML, links, images or mentions), one line, and of bounded length.
    private static string Text(string text) => UntrustedText.Markdown(UntrustedText.Truncate(text, MaxField));

    private static string Code(string text) => UntrustedText.MarkdownCode(UntrustedText.Truncate(text, MaxField));

    private static string Html(string text) => System.Net.WebUtility.HtmlEncode(UntrustedText.Visible(UntrustedText.Truncate(text, MaxField)))
        .Replace("@", "@\u2060", StringComparison.Ordinal);
}
