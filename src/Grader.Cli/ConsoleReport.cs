using System.Globalization;
using Grader.Core;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;
using Grader.Core.Reporting;
using Spectre.Console;

namespace Grader.Cli;

/// <summary>Compiler-style findings (<c>file(line,col): warning MLSD0101: ...</c>) followed by a per-step score table.</summary>
internal static class ConsoleReport
{
    public static void Write(TextWriter writer, IReadOnlyList<GradeResult> results, IReadOnlyList<ReadError> errors)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 100;
        foreach (var error in errors)
        {
            writer.WriteLine($"{error.Path}: error: {error.Message}");
        }

        foreach (var result in results)
        {
            foreach (var d in result.Diagnostics)
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
        }
    }

    private static string Number(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
