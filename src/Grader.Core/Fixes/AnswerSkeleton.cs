using System.Globalization;
using System.Text;
using Grader.Core.Mapping;
using Grader.Core.Rubrics;
using Grader.Core.Rubrics.Kinds;

namespace Grader.Core.Fixes;

/// <summary>
/// The skeleton <c>grader init</c> writes, and its part for one step: a heading and, in an HTML comment, what the step
/// should cover. The fixes that insert a missing step write the same text.
/// </summary>
public static class AnswerSkeleton
{
    /// <summary>A whole answer: front matter naming the problem, the title, the question, then the seven steps.</summary>
    public static string Document(Rubric rubric)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        var text = new StringBuilder();
        text.Append("---\nproblem: ").Append(rubric.Id).Append("\ncandidate: \n---\n\n# ").Append(rubric.Title).Append("\n\n");
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
        text.Append('#', Math.Clamp(level, 1, 6)).Append(' ').Append(definition.Title).Append("\n\n");

        // Prompts are HTML comments: invisible when rendered, never graded.
        text.Append("<!-- Cover (").Append(definition.Weight.ToString(CultureInfo.InvariantCulture)).Append(" points):\n");
        foreach (var criterion in rubric.Criteria.Where(c => c.Step == step && !c.Deducts()))
        {
            text.Append("  - ").Append(Inert(criterion.Message)).Append('\n');
        }

        text.Append("-->\n\n");
        return newline == "\n" ? text.ToString() : text.Replace("\n", newline).ToString();
    }

    // "--" would end nothing in HTML5 but is invalid inside a comment; one dash keeps the sentence readable.
    private static string Inert(string text) => text.Replace("--", "-", StringComparison.Ordinal);
}
