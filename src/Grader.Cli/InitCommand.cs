using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Grader.Core.Rubrics;
using Grader.Core.Rubrics.Kinds;

namespace Grader.Cli;

/// <summary>
/// <c>grader init PROBLEM [--output FILE] [--rubrics DIR]</c>: an answer skeleton with the seven steps and, under each,
/// what to cover: each criterion's <c>guidance:</c> from the rubric, or a line derived from its data. Never a finding's
/// wording: an empty answer has not failed anything yet.
/// </summary>
internal static partial class InitCommand
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

        var text = Skeleton(rubric);
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

    /// <summary>Front matter, the title, the question and the seven step headings, each with what to cover in a comment.</summary>
    internal static string Skeleton(Rubric rubric)
    {
        var text = new StringBuilder();
        text.Append("---\nproblem: ").Append(rubric.Id).Append("\ncandidate: \n---\n\n# ").Append(OneLine(rubric.Title)).Append("\n\n");
        if (rubric.Prompt is not null)
        {
            // The question stays out of the graded text: restating it earns nothing and should not try.
            text.Append("<!-- Question: ").Append(Comment(rubric.Prompt)).Append(" -->\n\n");
        }

        foreach (var step in rubric.Steps)
        {
            text.Append("## ").Append(OneLine(step.Title)).Append("\n\n");

            // HTML comments: invisible when rendered, never graded.
            text.Append(CultureInfo.InvariantCulture, $"<!-- Cover ({step.Weight:0.#} points):\n");
            foreach (var criterion in rubric.Criteria.Where(c => c.Step == step.Step && !c.Deducts()))
            {
                text.Append("  - ").Append(Comment(criterion.Cover())).Append('\n');
            }

            text.Append("-->\n\n");
        }

        return text.ToString();
    }

    // A rubric's text on one line of Markdown: a line break or control character in a title must not end the heading.
    private static string OneLine(string text) => Whitespace().Replace(new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)]), " ").Trim();

    // Inside an HTML comment "--" may not appear (and "-->" would end it early), however many dashes a rubric writes.
    private static string Comment(string text) => Dashes().Replace(OneLine(text), "-");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("-{2,}")]
    private static partial Regex Dashes();
}
