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

    /// <summary>
    /// Findings in the order reports list them: what costs the answer most first (points lost as shown, to 0.1). Ties,
    /// e.g. findings that cost nothing, go by severity (errors first), then by place in the answer (line, column; a
    /// finding with no place after those with one), step, ID and message. Suppressed findings come after all others.
    /// </summary>
    public static IReadOnlyList<Diagnostic> ByCost(GradeResult result, IEnumerable<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(diagnostics);
        return [.. diagnostics.OrderBy(d => d.IsSuppressed)
            .ThenByDescending(d => Scoring.Scorer.Round(Lost(result, d)))
            .ThenByDescending(d => d.Severity)
            .ThenBy(d => d, Comparer<Diagnostic>.Create(Diagnostic.Compare))];
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
