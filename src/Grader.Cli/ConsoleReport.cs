using System.Globalization;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;
using Grader.Core.Reporting;
using Spectre.Console;

namespace Grader.Cli;

/// <summary>
/// Compiler-style findings (<c>file(line,col): warning MLSD0101: ...</c>) and a per-step table for each answer;
/// for a batch, a closing summary table. Suppressed findings are left out here (machine formats keep them).
/// </summary>
internal static class ConsoleReport
{
    public static void Write(TextWriter writer, GradeRun run, bool summary)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 120;
        foreach (var error in run.Errors)
        {
            writer.WriteLine($"{error.Path}: error: {error.Message}");
        }

        foreach (var result in run.Results)
        {
            foreach (var d in result.Diagnostics.Where(d => !d.IsSuppressed))
            {
                var location = d.Span.IsNone ? "" : $"({d.Span.Line},{d.Span.Column})";
                writer.WriteLine($"{result.Path}{location}: {d.Severity.ToId()} {d.Id}: {d.Message}");
            }

            var table = new Table().Border(TableBorder.Simple)
                .Title(Markup.Escape($"{result.Path} — {result.Problem.Id} ({result.Problem.Source})"));
            table.AddColumn("Step");
            table.AddColumn("Heading");
            table.AddColumn(new TableColumn("Line").RightAligned());
            table.AddColumn(new TableColumn("Score").RightAligned());
            table.AddColumn(new TableColumn("Max").RightAligned());
            foreach (var step in result.Score.Steps)
            {
                table.AddRow(
                    step.Step.ToId(),
                    Markup.Escape(Truncate(step.Heading ?? (step.Line is null ? "(missing)" : "(from content)"), 40)),
                    step.Line?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    Number(step.Score),
                    Number(step.Max));
            }

            table.AddEmptyRow();
            table.AddRow("total", Markup.Escape(result.Score.Band), "", Number(result.Score.Total), Number(result.Score.Max));
            console.Write(table);
            writer.WriteLine();
            if (result.Feedback is { } feedback)
            {
                writer.WriteLine(Core.Llm.FeedbackText.Header(feedback) + ":");
                foreach (var area in feedback.Areas)
                {
                    writer.WriteLine($"  {area.Area} {area.Rating}/5{Core.Llm.FeedbackText.Lines(area)}");
                    area.Strengths.ToList().ForEach(s => writer.WriteLine($"    + {s}"));
                    area.Gaps.ToList().ForEach(g => writer.WriteLine($"    - {g}"));
                }

                writer.WriteLine();
            }
        }

        if (summary)
        {
            WriteSummary(console, run);
        }
    }

    private static void WriteSummary(IAnsiConsole console, GradeRun run)
    {
        var table = new Table().Border(TableBorder.Simple).Title("Summary");
        table.AddColumn(new TableColumn("File").NoWrap());
        table.AddColumn("Problem");
        table.AddColumn(new TableColumn("Score").RightAligned());
        table.AddColumn("Band");
        table.AddColumn(new TableColumn("Errors").RightAligned());
        table.AddColumn(new TableColumn("Warnings").RightAligned());
        foreach (var r in run.Results)
        {
            var active = r.Diagnostics.Where(d => !d.IsSuppressed).ToList();
            table.AddRow(
                Markup.Escape(r.Path),
                Markup.Escape(r.Problem.Id),
                Number(r.Score.Total),
                Markup.Escape(r.Score.Band),
                active.Count(d => d.Severity == Severity.Error).ToString(CultureInfo.InvariantCulture),
                active.Count(d => d.Severity == Severity.Warning).ToString(CultureInfo.InvariantCulture));
        }

        foreach (var e in run.Errors)
        {
            table.AddRow(Markup.Escape(e.Path), "-", "-", "not graded", "1", "0");
        }

        console.Write(table);
    }

    private static string Number(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
