using Grader.Core.Analysis;
using Grader.Core.Parsing;
using Grader.Core.Rubrics;

namespace Grader.Core.Scoring.Criteria;

/// <summary>Credit for the best mention of each concept, the top <c>atLeast</c> of them averaged.</summary>
internal sealed class ConceptsEvaluator : ICriterionEvaluator
{
    public Evaluation Evaluate(Criterion criterion, AnalysisContext context, EvidenceIndex evidence)
    {
        var concepts = (ConceptsCriterion)criterion;
        var index = context.Compiled.ConceptCriteria.IndexOf(concepts);
        var best = new (double Credit, SourceSpan Span)[concepts.Concepts.Length];
        foreach (var (unit, concept, weight) in evidence.Mentions(index))
        {
            var u = context.Document.Units[unit];
            var credit = weight * evidence.ScopeFactor(u, concepts.Scope);
            if (credit > best[concept].Credit)
            {
                best[concept] = (credit, u.Span);
            }
        }

        var top = best.OrderByDescending(b => b.Credit).Take(concepts.AtLeast).ToList();
        var fraction = Math.Min(1.0, top.Sum(b => b.Credit) / concepts.AtLeast);
        return new Evaluation(fraction, [.. top.Where(b => b.Credit > 0).Select(b => b.Span)], fraction < 1 ? Describe(concepts, best) : null);
    }

    private static string Describe(ConceptsCriterion concepts, (double Credit, SourceSpan Span)[] best)
    {
        var absent = concepts.Concepts.Where((_, i) => best[i].Credit == 0).Select(c => c.Name).Take(6).ToList();
        var weak = concepts.Concepts.Where((_, i) => best[i].Credit is > 0 and < 1).Select(c => c.Name).Take(6).ToList();
        var parts = new List<string>();
        if (weak.Count > 0)
        {
            parts.Add($"only outside this step or in term lists: {string.Join(", ", weak)}");
        }

        if (absent.Count > 0)
        {
            parts.Add($"not found in prose: {string.Join(", ", absent)}");
        }

        return string.Join("; ", parts);
    }
}
