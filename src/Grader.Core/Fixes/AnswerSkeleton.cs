using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Grader.Core.Mapping;
using Grader.Core.Rubrics;
using Grader.Core.Rubrics.Kinds;

namespace Grader.Core.Fixes;

/// <summary>
/// The skeleton <c>grader init</c> writes, and its part for one step: a heading and, in an HTML comment, what the step
/// should cover. The fixes that insert a missing step write the same text.
/// </summary>
public static partial class AnswerSkeleton
{
    /// <summary>A whole answer: front matter naming the problem, the title, the question, then the seven steps.</summary>
    public static string Document(Rubric rubric)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        var text = new StringBuilder();
        text.Append("---\nproblem: ").Append(rubric.Id).Append("\ncandidate: \n---\n\n# ").Append(OneLine(rubric.Title)).Append("\n\n");
        if (rubric.Prompt is not null)
        {
            // The question stays out of the graded text: restating it earns nothing and should not try.
            text.Append("<!-- Question: ").Append(Inert(rubric.Prompt)).Append(" -->\n\n");
        }

        foreach (var step in rubric.Steps)
        {
            text.Append(Step(rubric, step.Step));
        }

        return text.ToString();
    }

    /// <summary>One step: <c>## Title</c> (at <paramref name="level"/>), a blank line, the guidance comment, a blank line.</summary>
    public static string Step(Rubric rubric, FrameworkStep step, int level = 2, string newline = "\n")
    {
        ArgumentNullException.ThrowIfNull(rubric);
        var definition = rubric.Step(step);
        var text = new StringBuilder();
        text.Append('#', Math.Clamp(level, 1, 6)).Append(' ').Append(OneLine(definition.Title)).Append("\n\n");

        // What to cover, never a finding's wording (an empty answer has failed nothing yet), in an HTML comment:
        // invisible when rendered, never graded.
        text.Append(CultureInfo.InvariantCulture, $"<!-- Cover ({definition.Weight:0.#} points):\n");
        foreach (var criterion in rubric.Criteria.Where(c => c.Step == step && !c.Deducts()))
        {
            text.Append("  - ").Append(Inert(criterion.Cover())).Append('\n');
        }

        text.Append("-->\n\n");
        return newline == "\n" ? text.ToString() : text.Replace("\n", newline).ToString();
    }

    // A rubric's text on one line of Markdown: a line break or control character in a title must not end the heading.
    private static string OneLine(string text) => Whitespace().Replace(new string([.. text.Select(c => char.IsControl(c) ? ' ' : c)]), " ").Trim();

    // Inside an HTML comment "--" may not appear (and "-->" would end it early), however many dashes a rubric writes.
    private static string Inert(string text) => Dashes().Replace(OneLine(text), "-");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("-{2,}")]
    private static partial Regex Dashes();
}
