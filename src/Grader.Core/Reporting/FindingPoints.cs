using System.Globalization;
using Grader.Core.Diagnostics;
using Grader.Core.Rubrics.Kinds;

namespace Grader.Core.Reporting;

/// <summary>
/// What a finding costs the answer: its criterion's loss, or for an analyzer's finding the losses it explains in its
/// step. Rubric findings say it in their message; the others get it appended, so every line tells what is at stake.
/// </summary>
public static class FindingPoints
{
    public static double Lost(GradeResult result, Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(diagnostic);
        return result.Score.Steps.SelectMany(step => step.Criteria)
            .Where(c => c.ExplainedBy == diagnostic.Id
                && (diagnostic.CriterionId is { } id ? c.Criterion.Id == id : diagnostic.Step is not { } step || c.Criterion.Step == step))
            .Sum(c => c.Criterion.Deducts() ? -c.Score : c.Points - c.Score);
    }

    /// <summary>The message, with " (N.N points lost)" when it costs points and does not already say so.</summary>
    public static string Message(GradeResult result, Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        var lost = Scoring.Scorer.Round(Lost(result, diagnostic));
        return lost > 0 && diagnostic.CriterionId is null && !diagnostic.Message.Contains("points", StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"{diagnostic.Message} ({lost:0.0} points lost)")
            : diagnostic.Message;
    }
}
