using System.Collections.Immutable;
using Grader.Core.Diagnostics;

namespace Grader.Core.Scoring;

/// <summary>
/// Only where a group's configuration asks for it (<c>suppressionsRestorePoints: true</c>): a criterion whose loss
/// is explained solely by suppressed findings gets its points back. Otherwise suppression never changes points.
/// </summary>
public static class SuppressionCredit
{
    public static ScoreCard Apply(ScoreCard card, ImmutableArray<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(card);
        var steps = card.Steps.Select(step =>
        {
            var restored = step.Criteria
                .Where(c => c.ExplainedBy is not null && IsSuppressed(c, step, diagnostics))
                .Sum(c => (c.Points - Math.Max(0, c.Score)) * card.Relevance);
            return step with { Score = Scorer.Round(Math.Min(step.Max, step.Score + restored)) };
        }).ToImmutableArray();
        var total = Scorer.Round(steps.Sum(s => s.Score));
        return total == card.Total ? card : card with { Total = total, Steps = steps };
    }

    private static bool IsSuppressed(CriterionResult criterion, StepScore step, ImmutableArray<Diagnostic> diagnostics)
    {
        var explaining = diagnostics.Where(d => d.Id == criterion.ExplainedBy
            && (d.CriterionId == criterion.Criterion.Id || (d.CriterionId is null && (d.Step == step.Step || d.Step is null)))).ToList();
        return explaining.Count > 0 && explaining.All(d => d.IsSuppressed);
    }
}
