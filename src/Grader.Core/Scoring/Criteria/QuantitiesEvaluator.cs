using Grader.Core.Analysis;
using Grader.Core.Parsing;
using Grader.Core.Rubrics;
using Grader.Core.Text;

namespace Grader.Core.Scoring.Criteria;

/// <summary>Credit per distinct kind of quantity found (numbers count in lists and tables too).</summary>
internal sealed class QuantitiesEvaluator : ICriterionEvaluator
{
    public Evaluation Evaluate(Criterion criterion, AnalysisContext context, EvidenceIndex evidence)
    {
        var quantities = (QuantitiesCriterion)criterion;
        var best = new Dictionary<QuantityKind, (double Credit, SourceSpan Span)>();
        foreach (var unit in context.Document.Units)
        {
            if (unit.Kind == UnitKind.Heading || context.IsExcluded(unit.Index))
            {
                continue;
            }

            var factor = evidence.ScopeFactor(unit, quantities.Scope);
            if (factor == 0)
            {
                continue;
            }

            foreach (var q in context.Facts.Quantities(unit.Index))
            {
                if (quantities.Kinds.Contains(q.Kind) && (!best.TryGetValue(q.Kind, out var b) || factor > b.Credit))
                {
                    best[q.Kind] = (factor, unit.Span);
                }
            }
        }

        var top = best.Values.OrderByDescending(b => b.Credit).Take(quantities.AtLeast).ToList();
        var fraction = Math.Min(1.0, top.Sum(b => b.Credit) / quantities.AtLeast);
        var missing = quantities.Kinds.Where(k => !best.ContainsKey(k)).Select(k => k.ToString().ToLowerInvariant());
        return new Evaluation(fraction, [.. top.Select(b => b.Span)], fraction < 1 ? $"no figures for: {string.Join(", ", missing)}" : null);
    }
}
