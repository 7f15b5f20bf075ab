using System.Globalization;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;
using Grader.Core.Reporting;
using Spectre.Console;

namespace Grader.Cli;

/// <summary>
/// Compiler-style findings (<c>file(line,col): warning MLSD0101: ...</c>), costliest first, and a per-step table for
/// each answer; for a batch, a closing summary table. Suppressed findings are left out here (machine formats keep them).
/// Untrusted text is shown with control characters as escapes (<c>\x1b</c>, <c>\n</c>), so a field stays one line.
/// With <c>color</c>, the tables are coloured; finding lines never are, so a problem matcher reads them as they are.
/// </summary>
internal static class ConsoleReport
{
    public static void Write(TextWriter writer, GradeRun run, bool summary, bool color = false)
    {
        WriteErrors(writer, run.Errors);
        foreach (var result in run.Results)
        {
            WriteResult(writer, result, color);
        }

        if (summary)
        {
            WriteSummary(writer, [.. run.Results.Select(SummaryRows.Of)], run.Errors, color);
        }
    }

    public static void WriteErrors(TextWriter writer, IEnumerable<ReadError> errors)
    {
        foreach (var error in errors)
        {
            writer.WriteLine($"{V(error.Path)}: error: {V(error.Message)}");
        }
    }

    public static void WriteResult(TextWriter writer, Core.GradeResult result, bool color = false)
    {
        var console = Console(writer, color);
        var paint = new Paint(color);
        foreach (var d in FindingPoints.ByCost(result, result.Diagnostics.Where(d => !d.IsSuppressed)))
        {
            writer.WriteLine(FindingLine(result, d));
        }

        var table = new Table().Border(TableBorder.Simple)
            .Title(Markup.Escape(V($"{result.Path} — {result.Problem.Id} ({result.Problem.Source})")), paint.Bold);
        table.AddColumn("Step");
        table.AddColumn("Heading");
        table.AddColumn(new TableColumn("Line").RightAligned());
        table.AddColumn("Mapped");
        table.AddColumn(new TableColumn("Score").RightAligned());
        table.AddColumn(new TableColumn("Max").RightAligned());
        foreach (var step in result.Score.Steps)
        {
            table.AddRow(
                paint.Cell(step.Step.ToId()),
                paint.Cell(Truncate(V(step.Heading ?? (step.Line is null ? "(missing)" : "(from content)")), 40), step.Line is null ? Color.Red : null),
                paint.Cell(step.Line?.ToString(CultureInfo.InvariantCulture) ?? "-"),
                paint.Cell(V(step.Mapping?.Describe() ?? "-")),
                paint.Cell(Number(step.Score), Share(step.Score, step.Max)),
                paint.Cell(Number(step.Max)));
        }

        table.AddEmptyRow();
        table.AddRow(
            paint.Cell("total", decoration: Decoration.Bold),
            paint.Cell(V(result.Score.Band), decoration: Decoration.Bold),
            paint.Cell(""),
            paint.Cell(""),
            paint.Cell(Number(result.Score.Total), Share(result.Score.Total, result.Score.Max), Decoration.Bold),
            paint.Cell(Number(result.Score.Max)));
        console.Write(table);
        writer.WriteLine();
        if (result.Feedback is { } feedback)
        {
            writer.WriteLine(V(Core.Llm.FeedbackText.Header(feedback)) + ":");
            foreach (var area in feedback.Areas)
            {
                writer.WriteLine($"  {V(area.Area)} {area.Rating}/5{Core.Llm.FeedbackText.Lines(area)}");
                area.Strengths.ToList().ForEach(s => writer.WriteLine($"    + {V(s)}"));
                area.Gaps.ToList().ForEach(g => writer.WriteLine($"    - {V(g)}"));
            }

            writer.WriteLine();
        }
    }

    /// <summary>
    /// <c>file(line,col): severity ID: message</c>, the MSBuild shape that problem matchers (VS Code's <c>$msCompile</c>)
    /// read. A finding with nothing to point at (a missing step, the whole document) stands at (1,1), as in SARIF.
    /// </summary>
    private static string FindingLine(Core.GradeResult result, Diagnostic d)
    {
        var (line, column) = d.Span.IsNone ? (1, 1) : (d.Span.Line, Math.Max(1, d.Span.Column));
        return string.Create(CultureInfo.InvariantCulture, $"{V(result.Path)}({line},{column}): {d.Severity.ToId()} {d.Id}: {V(FindingPoints.Message(result, d))}");
    }

    public static void WriteSummary(TextWriter writer, IReadOnlyList<SummaryRow> rows, IEnumerable<ReadError> errors, bool color = false)
    {
        var paint = new Paint(color);
        var table = new Table().Border(TableBorder.Simple).Title("Summary", paint.Bold);
        table.AddColumn(new TableColumn("File").NoWrap());
        table.AddColumn("Problem");
        table.AddColumn(new TableColumn("Score").RightAligned());
        table.AddColumn("Band");
        table.AddColumn(new TableColumn("Errors").RightAligned());
        table.AddColumn(new TableColumn("Warnings").RightAligned());
        foreach (var r in rows)
        {
            table.AddRow(
                paint.Cell(V(r.Path)),
                paint.Cell(V(r.Problem)),
                paint.Cell(Number(r.Score)),
                paint.Cell(V(r.Band)),
                paint.Cell(r.Errors.ToString(CultureInfo.InvariantCulture), r.Errors > 0 ? Color.Red : null),
                paint.Cell(r.Warnings.ToString(CultureInfo.InvariantCulture), r.Warnings > 0 ? Color.Yellow : null));
        }

        foreach (var e in errors)
        {
            table.AddRow(paint.Cell(V(e.Path)), paint.Cell("-"), paint.Cell("-"), paint.Cell("not graded", Color.Red), paint.Cell("1", Color.Red), paint.Cell("0"));
        }

        Console(writer, color).Write(table);
    }

    /// <summary>Suppressions the answers applied and the config files looked at: nothing that changed a grade is silent.</summary>
    public static void WriteProvenance(TextWriter writer, Provenance? provenance)
    {
        if (provenance is null)
        {
            return;
        }

        foreach (var s in provenance.Suppressions)
        {
            writer.WriteLine(V($"{s.Path}({s.Line}): suppressed {s.Findings} finding(s) ({string.Join(", ", s.Ids)}){(s.Justification is null ? "" : " -- " + s.Justification)}"));
        }

        foreach (var line in provenance.RulesOffLines(r => r, c => c))
        {
            writer.WriteLine(V(line));
        }

        foreach (var c in provenance.Configs)
        {
            writer.WriteLine(V($"config: {c.Path} sha256 {(c.Sha256.Length >= 12 ? c.Sha256[..12] : c.Sha256)} ({c.Role}, {(c.Used ? "used" : "ignored")}{(c.IgnoredKeys.IsEmpty ? "" : "; ignored keys: " + string.Join(", ", c.IgnoredKeys))})"));
        }
    }

    // Colour is decided once by the caller (ConsoleColors); the 16 standard colours render alike on every terminal
    // and keep `--color always` output the same bytes everywhere. Always the ANSI back end, which writes only to
    // the writer: the other one sets colours through System.Console, and so wrote resets to the terminal itself.
    private static IAnsiConsole Console(TextWriter writer, bool color)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = color ? ColorSystemSupport.Standard : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 120;
        return console;
    }

    // Cells are plain text, never markup: a heading like "[red]" is shown as written.
    /// <summary>Styles for table cells, or none at all when colour is off.</summary>
    private readonly record struct Paint(bool On)
    {
        public Style Bold => On ? new Style(decoration: Decoration.Bold) : Style.Plain;

        public Text Cell(string text, Color? color = null, Decoration decoration = Decoration.None) =>
            new(text, On ? new Style(foreground: color, decoration: decoration) : Style.Plain);
    }

    // Green from two thirds of the points, yellow from one third, red below.
    private static Color? Share(double score, double max) =>
        max <= 0 ? null : score >= max * 2 / 3 ? Color.Green : score >= max / 3 ? Color.Yellow : Color.Red;

    // Paths, headings, messages and model text are the submitter's: no control or escape character reaches the terminal.
    private static string V(string text) => UntrustedText.Visible(text);

    private static string Number(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
