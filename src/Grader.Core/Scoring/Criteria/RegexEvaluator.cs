using Grader.Core.Analysis;
using Grader.Core.Rubrics;

namespace Grader.Core.Scoring.Criteria;

/// <summary>Credit per prose unit in scope that matches the pattern, up to <c>atLeast</c>.</summary>
internal sealed class RegexEvaluator : ICriterionEvaluator
{
    public Evaluation Evaluate(Criterion criterion, AnalysisContext context, EvidenceIndex evidence)
    {
        var regex = (RegexCriterion)criterion;
        var hits = context.Prose
            .Where(u => regex.Pattern.IsMatch(u.Text))
            .Select(u => (u.Span, Credit: evidence.ScopeFactor(u, regex.Scope)))
            .OrderByDescending(h => h.Credit)
            .Take(regex.AtLeast)
            .ToList();
        var fraction = Math.Min(1.0, hits.Sum(h => h.Credit) / regex.AtLeast);
        return new Evaluation(fraction, [.. hits.Select(h => h.Span)], fraction < 1 ? $"{hits.Count} of {regex.AtLeast} expected matches of /{regex.Pattern}/" : null);
    }
}
