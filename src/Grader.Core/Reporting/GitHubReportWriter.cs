using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Grader.Core.Diagnostics;

namespace Grader.Core.Reporting;

/// <summary>
/// GitHub Actions workflow commands (<c>::warning file=…,line=…::message</c>), most important first. GitHub shows
/// at most 10 annotations of each level per step, so each level is capped there and the rest summarised.
/// Every field is escaped so it stays inside its command, and the plain summary lines, which carry paths and the
/// model id, are wrapped in <c>::stop-commands::TOKEN</c> … <c>::TOKEN::</c>: only Grader's own lines start with
/// <c>::</c>, and none of what lies between can act as a command.
/// </summary>
/// <param name="token">The stop-commands token; random by default (tests pass a fixed one).</param>
public sealed class GitHubReportWriter(string? token = null) : IReportWriter
{
    public const int PerLevelLimit = 10;

    public string Format => "github";

    public void Write(Stream stream, GradeRun run)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(run);
        var text = new StringBuilder();

        // A failed gate is why the job is red: said first, for its file, never cut by the annotation limit.
        foreach (var gate in run.Gates.IsDefault ? [] : run.Gates)
        {
            text.Append("::error file=").Append(Property(gate.Path)).Append(",title=").Append(Property("grader: gate failed")).Append("::").Append(Data(gate.Reason)).Append('\n');
        }

        // Within a level, each answer's findings about the whole document first (wrong problem, unreadable front matter),
        // then by the points they cost, taken in turn across answers: the runner shows 10 per level, and a batch's
        // first file must not take them all.
        var all = run.Errors.Select(e => (Level: "error", Rank: 0, Turn: 0, Path: e.Path, Span: Parsing.SourceSpan.None, Title: "grader", Message: e.Message))
            .Concat(run.Results.SelectMany(r => r.Diagnostics.Where(d => !d.IsSuppressed)
                .GroupBy(d => d.Severity)
                .SelectMany(level => level.OrderBy(d => d.Descriptor.Category == Diagnostics.Categories.Document ? 0 : 1)
                    .ThenByDescending(d => FindingPoints.Lost(r, d)).Select((d, turn) => (
                    Level: d.Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "notice" },
                    Rank: 2 - (int)d.Severity,
                    Turn: turn,
                    r.Path,
                    d.Span,
                    Title: $"{d.Id}: {d.Descriptor.Title}",
                    Message: FindingPoints.Message(r, d))))))
            .OrderBy(a => a.Rank)
            .ThenBy(a => a.Turn)
            .ToList();
        foreach (var level in all.GroupBy(a => a.Level).OrderBy(g => g.First().Rank))
        {
            foreach (var a in level.Take(PerLevelLimit))
            {
                text.Append("::").Append(a.Level).Append(" file=").Append(Property(a.Path));
                if (!a.Span.IsNone)
                {
                    text.Append(CultureInfo.InvariantCulture, $",line={a.Span.Line},col={a.Span.Column},endLine={a.Span.EndLine},endColumn={a.Span.EndColumn}");
                }

                text.Append(",title=").Append(Property(a.Title)).Append("::").Append(Data(a.Message)).Append('\n');
            }

            if (level.Count() > PerLevelLimit)
            {
                text.Append(CultureInfo.InvariantCulture, $"::notice title=grader::{level.Count() - PerLevelLimit} more {level.Key} findings are not annotated; see the full report\n");
            }
        }

        if (run.Results.Length > 0)
        {
            // The runner ignores commands until it sees the token again, which no answer can know or guess.
            var stop = token ?? RandomNumberGenerator.GetHexString(32, lowercase: true);
            text.Append("::stop-commands::").Append(stop).Append('\n');
            foreach (var r in run.Results)
            {
                text.Append(CultureInfo.InvariantCulture, $"{LinePath(r.Path)}: {r.Score.Total:0.0}/{r.Score.Max:0} ({Line(r.Score.Band)}), problem {Line(r.Problem.Id)}\n");
                if (r.Feedback is { } feedback)
                {
                    var ratings = string.Join(", ", feedback.Areas.Select(a => $"{a.Area} {a.Rating}/5"));
                    text.Append(CultureInfo.InvariantCulture, $"  {Line(Llm.FeedbackText.Header(feedback))}: {Line(ratings)}\n");
                }
            }

            foreach (var line in run.Provenance?.Lines(run.Results) ?? [])
            {
                text.Append(Line(line)).Append('\n');
            }

            text.Append("::").Append(stop).Append("::\n");
        }

        stream.Write(Encoding.UTF8.GetBytes(text.ToString()));
    }

    // Escaping as GitHub's runner expects for workflow commands; it decodes %25, %0D and %0A back, so a path with a
    // line break still names its file. Other control characters have no encoding there and are shown as escapes.
    private static string Data(string value) =>
        UntrustedText.Visible(value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal));

    // A plain log line: one line, no control characters, and never starting with "::".
    private static string Line(string value) => UntrustedText.Visible(value);

    // A relative path such as "::x.md" would start a line with "::"; "./::x.md" names the same file.
    private static string LinePath(string path) => path.StartsWith(':') ? "./" + Line(path) : Line(path);

    private static string Property(string value) =>
        Data(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
