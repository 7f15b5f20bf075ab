using System.CommandLine;
using System.Globalization;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;
using Grader.Core.Rubrics;
using Grader.Core.Rubrics.Kinds;
using static Grader.Core.Reporting.UntrustedText;

namespace Grader.Cli;

/// <summary><c>grader explain RULE_ID</c>: a rule's documentation, or a rubric criterion's definition.</summary>
internal static class ExplainCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        var id = new Argument<string>("RULE_ID") { Description = "A rule id (MLSD0201) or a rubric criterion id (news-feed.reactions), built in or from --rubrics or the --config file" };
        var rubrics = new RubricOptions();
        var command = new Command("explain", "Explain a rule or a rubric criterion") { id };
        rubrics.AddTo(command);
        command.SetAction(parse => Run(parse.GetValue(id)!, () => rubrics.Load(parse, environment, stderr), stdout, stderr));
        return command;
    }

    private static int Run(string id, Func<RubricCatalog?> load, TextWriter stdout, TextWriter stderr)
    {
        if (RuleText(id) is { } rule)
        {
            stdout.Write(rule);
            return ExitCodes.Graded;
        }

        if (load() is not { } catalog)
        {
            return ExitCodes.BadInput;
        }

        if (CriterionText(id, catalog) is { } criterion)
        {
            stdout.Write(criterion);
            return ExitCodes.Graded;
        }

        stderr.WriteLine(Visible($"grader: error: '{id}' is neither a rule id (MLSD0101 …) nor a rubric criterion id (a group's own rubrics: --rubrics DIR or --config FILE)"));
        return ExitCodes.BadInput;
    }

    /// <summary>A rule's documentation as <c>grader explain</c> prints it (also the language server's hover), or null for no such rule.</summary>
    internal static string? RuleText(string id)
    {
        if (DescriptorCatalog.Find(id.ToUpperInvariant()) is not { } descriptor)
        {
            return null;
        }

        using var stream = typeof(ExplainCommand).Assembly.GetManifestResourceStream($"rules/{descriptor.Id}.md");
        if (stream is not null)
        {
            return new StreamReader(stream).ReadToEnd();
        }

        using var text = new StringWriter { NewLine = "\n" };
        text.WriteLine($"{descriptor.Id}: {descriptor.Title} ({descriptor.Category}, {descriptor.DefaultSeverity.ToId()})");
        text.WriteLine(descriptor.MessageFormat);
        return text.ToString();
    }

    /// <summary>
    /// A rubric criterion's definition as <c>grader explain</c> prints it, or null when no rubric of <paramref name="catalog"/>
    /// has it. A group's rubric is a file on disk: its text is shown, never interpreted by the terminal.
    /// </summary>
    internal static string? CriterionText(string id, RubricCatalog catalog)
    {
        foreach (var rubric in catalog.Problems.Prepend(catalog.Base))
        {
            var criterion = rubric.Criteria.FirstOrDefault(c => c.Id == id);
            if (criterion is null)
            {
                continue;
            }

            using var text = new StringWriter { NewLine = "\n" };
            text.WriteLine(Visible(string.Create(CultureInfo.InvariantCulture, $"{criterion.Id} ({rubric.Id}, step {criterion.Step.ToId()}, {criterion.Points} points)")));
            text.WriteLine(Visible(criterion.Message));
            if (criterion.Help is not null)
            {
                text.WriteLine(Visible(criterion.Help));
            }

            if (!criterion.Deducts())
            {
                text.WriteLine(Visible($"Guidance: {criterion.Cover()}"));
            }

            foreach (var line in CriterionKinds.For(criterion).Explain(criterion))
            {
                text.WriteLine(Visible(line));
            }

            return text.ToString();
        }

        return null;
    }
}
