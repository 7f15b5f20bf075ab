using System.CommandLine;
using Grader.Core.Rubrics;

namespace Grader.Cli;

/// <summary>
/// <c>grader init PROBLEM [--output FILE] [--rubrics DIR]</c>: an answer skeleton with the seven steps and, under each,
/// what to cover: each criterion's <c>guidance:</c> from the rubric, or a line derived from its data. Never a finding's
/// wording: an empty answer has not failed anything yet.
/// </summary>
internal static class InitCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        var problem = new Argument<string>("PROBLEM") { Description = "A problem id, e.g. news-feed, built in or from --rubrics or the --config file" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the skeleton to FILE (refuses to overwrite)" };
        var rubrics = new RubricOptions();
        var command = new Command("init", "Write an answer skeleton for a problem") { problem, output };
        rubrics.AddTo(command);
        command.SetAction(parse => Run(parse.GetValue(problem)!, parse.GetValue(output), rubrics.Load(parse, environment, stderr), stdout, stderr));
        return command;
    }

    private static int Run(string id, string? output, RubricCatalog? catalog, TextWriter stdout, TextWriter stderr)
    {
        if (catalog is null)
        {
            return ExitCodes.BadInput;
        }

        if (!catalog.TryGet(id, out var rubric) || id == RubricCatalog.BaseId)
        {
            stderr.WriteLine(Core.Reporting.UntrustedText.Visible(
                $"grader: error: unknown problem '{id}'. Known problems: {string.Join(", ", catalog.Problems.Select(p => p.Id))} (a group's own rubrics: --rubrics DIR or --config FILE)"));
            return ExitCodes.BadInput;
        }

        var text = Grader.Core.Fixes.AnswerSkeleton.Document(rubric);
        if (output is null)
        {
            stdout.Write(text);
            return ExitCodes.Graded;
        }

        if (File.Exists(output))
        {
            stderr.WriteLine($"grader: error: {Core.Reporting.UntrustedText.Visible(output)} exists; choose another name or delete it first");
            return ExitCodes.BadInput;
        }

        File.WriteAllText(output, text);
        stdout.WriteLine($"wrote {Core.Reporting.UntrustedText.Visible(output)} ({rubric.Steps.Length} steps for {rubric.Id})");
        return ExitCodes.Graded;
    }
}
