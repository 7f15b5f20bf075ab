using System.Globalization;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;
using Grader.Core.Reporting;
using Spectre.Console;

namespace Grader.Cli;

/// <summary>
/// Compiler-style findings (<c>file(line,col): warning MLSD0101: ...</c>) and a per-step table for each answer;
/// for a batch, a closing summary table. Suppressed findings are left out here (machine formats keep them).
/// Untrusted text is shown with control characters as escapes (<c>\x1b</c>, <c>\n</c>), so a field stays one line.
/// </summary>
internal static class ConsoleReport
{
    public static void Write(TextWriter writer, GradeRun run, bool summary)
    {
        WriteErrors(writer, run.Errors);
        foreach (var result in run.Results)
        {
            WriteResult(writer, result);
        }

        if (summary)
        {
            WriteSummary(writer, [.. run.Results.Select(SummaryRows.Of)], run.Errors);
        }
    }

    public static void WriteErrors(TextWriter writer, IEnumerable<ReadError> errors)
    {
        foreach (var error in errors)
        {
            writer.WriteLine($"{V(error.Path)}: error: {V(error.Message)}");
        }
    }

    public static void WriteResult(TextWriter writer, Core.GradeResult result)
    {
        var console = Console(writer);
        foreach (var d in result.Diagnostics.Where(d => !d.IsSuppressed))
        {
            var location = d.Span.IsNone ? "" : $"({d.Span.Line},{d.Span.Column})";
            writer.WriteLine($"{V(result.Path)}{location}: {d.Severity.ToId()} {d.Id}: {V(FindingPoints.Message(result, d))}");
        }

        var table = new Table().Border(TableBorder.Simple)
            .Title(Markup.Escape(V($"{result.Path} — {result.Problem.Id} ({result.Problem.Source})")));
        table.AddColumn("Step");
        table.AddColumn("Heading");
        table.AddColumn(new TableColumn("Line").RightAligned());
        table.AddColumn("Mapped");
        table.AddColumn(new TableColumn("Score").RightAligned());
        table.AddColumn(new TableColumn("Max").RightAligned());
        foreach (var step in result.Score.Steps)
        {
            table.AddRow(
                step.Step.ToId(),
                Markup.Escape(Truncate(V(step.Heading ?? (step.Line is null ? "(missing)" : "(from content)")), 40)),
                step.Line?.ToString(CultureInfo.InvariantCulture) ?? "-",
                Markup.Escape(V(step.Mapping?.Describe() ?? "-")),
                Number(step.Score),
                Number(step.Max));
        }

        table.AddEmptyRow();
        table.AddRow("total", Markup.Escape(V(result.Score.Band)), "", "", Number(result.Score.Total), Number(result.Score.Max));
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

    public static void WriteSummary(TextWriter writer, IReadOnlyList<SummaryRow> rows, IEnumerable<ReadError> errors)
    {
        var table = new Table().Border(TableBorder.Simple).Title("Summary");
        table.AddColumn(new TableColumn("File").NoWrap());
        table.AddColumn("Problem");
        table.AddColumn(new TableColumn("Score").RightAligned());
        table.AddColumn("Band");
        table.AddColumn(new TableColumn("Errors").RightAligned());
        table.AddColumn(new TableColumn("Warnings").RightAligned());
        foreach (var r in rows)
        {
            table.AddRow(
                Markup.Escape(V(r.Path)),
                Markup.Escape(V(r.Problem)),
                Number(r.Score),
                Markup.Escape(V(r.Band)),
                r.Errors.ToString(CultureInfo.InvariantCulture),
                r.Warnings.ToString(CultureInfo.InvariantCulture));
        }

        foreach (var e in errors)
        {
            table.AddRow(Markup.Escape(V(e.Path)), "-", "-", "not graded", "1", "0");
        }

        Console(writer).Write(table);
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

    private static IAnsiConsole Console(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 120;
        return console;
    }

    // Paths, headings, messages and model text are the submitter's: no control or escape character reaches the terminal.
    private static string V(string text) => UntrustedText.Visible(text);

    private static string Number(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
