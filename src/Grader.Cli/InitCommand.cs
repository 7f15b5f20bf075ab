using System.CommandLine;

namespace Grader.Cli;

/// <summary><c>grader init PROBLEM [--output FILE]</c>: an answer skeleton with the seven steps and what each should cover.</summary>
internal static class InitCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var problem = new Argument<string>("PROBLEM") { Description = "A problem id, e.g. news-feed" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the skeleton to FILE (refuses to overwrite)" };
        var command = new Command("init", "Write an answer skeleton for a problem") { problem, output };
        command.SetAction(parse => Run(parse.GetValue(problem)!, parse.GetValue(output), stdout, stderr));
        return command;
    }

    private static int Run(string id, string? output, TextWriter stdout, TextWriter stderr)
    {
        if (Catalog.Load(stderr) is not { } catalog)
        {
            return ExitCodes.BadInput;
        }

        if (!catalog.TryGet(id, out var rubric) || id == Grader.Core.Rubrics.RubricCatalog.BaseId)
        {
            stderr.WriteLine($"grader: error: unknown problem '{id}'. Known problems: {string.Join(", ", catalog.Problems.Select(p => p.Id))}");
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
            stderr.WriteLine($"grader: error: {output} exists; choose another name or delete it first");
            return ExitCodes.BadInput;
        }

        File.WriteAllText(output, text);
        stdout.WriteLine($"wrote {output} ({rubric.Steps.Length} steps for {rubric.Id})");
        return ExitCodes.Graded;
    }
}
