using System.CommandLine;
using Grader.Core.Analysis;
using Grader.Core.Diagnostics;
using Grader.Core.Rubrics.Kinds;

namespace Grader.Cli;

/// <summary><c>grader explain RULE_ID</c>: a rule's documentation, or a rubric criterion's definition.</summary>
internal static class ExplainCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var id = new Argument<string>("RULE_ID") { Description = "A rule id (MLSD0201) or a rubric criterion id (news-feed.reactions)" };
        var command = new Command("explain", "Explain a rule or a rubric criterion") { id };
        command.SetAction(parse => Run(parse.GetValue(id)!, stdout, stderr));
        return command;
    }

    private static int Run(string id, TextWriter stdout, TextWriter stderr)
    {
        if (AnalyzerRegistry.Find(id.ToUpperInvariant()) is { } descriptor)
        {
            using var stream = typeof(ExplainCommand).Assembly.GetManifestResourceStream($"rules/{descriptor.Id}.md");
            if (stream is not null)
            {
                stdout.Write(new StreamReader(stream).ReadToEnd());
            }
            else
            {
                stdout.WriteLine($"{descriptor.Id}: {descriptor.Title} ({descriptor.Category}, {descriptor.DefaultSeverity.ToId()})");
                stdout.WriteLine(descriptor.MessageFormat);
            }

            return ExitCodes.Graded;
        }

        if (Catalog.Load(stderr) is not { } catalog)
        {
            return ExitCodes.BadInput;
        }

        foreach (var rubric in catalog.Problems.Prepend(catalog.Base))
        {
            var criterion = rubric.Criteria.FirstOrDefault(c => c.Id == id);
            if (criterion is null)
            {
                continue;
            }

            stdout.WriteLine($"{criterion.Id} ({rubric.Id}, step {criterion.Step.ToString().ToLowerInvariant()}, {criterion.Points} points)");
            stdout.WriteLine(criterion.Message);
            if (criterion.Help is not null)
            {
                stdout.WriteLine(criterion.Help);
            }

            foreach (var line in CriterionKinds.For(criterion).Explain(criterion))
            {
                stdout.WriteLine(line);
            }

            return ExitCodes.Graded;
        }

        stderr.WriteLine($"grader: error: '{id}' is neither a rule id (MLSD0101 …) nor a rubric criterion id");
        return ExitCodes.BadInput;
    }
}
