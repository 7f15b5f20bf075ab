using System.CommandLine;
using Grader.Core;
using Grader.Core.Diagnostics;
using Grader.Core.Reporting;
using Grader.Core.Rubrics;

namespace Grader.Cli;

/// <summary><c>grader check PATH... [--problem ID] [--format console|json] [--output FILE]</c></summary>
internal static class CheckCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Answer files or folders of Markdown answers", Arity = ArgumentArity.OneOrMore };
        var problem = new Option<string?>("--problem") { Description = "Grade against this problem's rubric (overrides front matter)" };
        var format = new Option<string>("--format") { Description = "Report format", DefaultValueFactory = _ => "console" };
        format.AcceptOnlyFromAmong("console", "json");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to FILE instead of standard output" };
        var command = new Command("check", "Grade answers and report findings and scores") { paths, problem, format, output };
        command.SetAction(parse => Run(
            parse.GetValue(paths)!, parse.GetValue(problem), parse.GetValue(format)!, parse.GetValue(output), stdout, stderr));
        return command;
    }

    private static int Run(string[] paths, string? problem, string format, string? output, TextWriter stdout, TextWriter stderr)
    {
        if (Catalog.Load(stderr) is not { } catalog)
        {
            return ExitCodes.BadInput;
        }

        if (problem is not null && (!catalog.TryGet(problem, out _) || problem == RubricCatalog.BaseId))
        {
            stderr.WriteLine($"grader: error: unknown problem '{problem}'. Known problems: {string.Join(", ", catalog.Problems.Select(p => p.Id))}");
            return ExitCodes.BadInput;
        }

        var engine = new GradingEngine(catalog);
        var (files, errors) = InputFiles.Expand(paths);
        var results = new List<GradeResult>();
        foreach (var file in files)
        {
            var (text, error) = InputFiles.Read(file);
            if (error is not null)
            {
                errors.Add(error);
                continue;
            }

            results.Add(engine.Grade(file, text!, problem));
        }

        foreach (var error in errors)
        {
            stderr.WriteLine($"grader: error: {error.Path}: {error.Message}");
        }

        WriteReport(format, output, results, errors, stdout);
        if (errors.Count > 0)
        {
            return ExitCodes.BadInput;
        }

        return results.Any(r => r.Diagnostics.Any(d => d.Severity == Severity.Error)) ? ExitCodes.Failed : ExitCodes.Graded;
    }

    private static void WriteReport(string format, string? output, List<GradeResult> results, List<ReadError> errors, TextWriter stdout)
    {
        using var buffer = new MemoryStream();
        if (format == "json")
        {
            JsonReportWriter.Write(buffer, results, errors);
        }
        else
        {
            using var writer = new StreamWriter(buffer, leaveOpen: true) { NewLine = "\n" };
            ConsoleReport.Write(writer, results, errors);
        }

        if (output is null)
        {
            stdout.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
            stdout.Flush();
            return;
        }

        // Write beside the target, then rename: a reader never sees half a report.
        var full = Path.GetFullPath(output);
        var temp = full + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        File.WriteAllBytes(temp, buffer.ToArray());
        File.Move(temp, full, overwrite: true);
    }
}
