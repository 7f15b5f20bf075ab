using Grader.Core.Analysis;
using Grader.Core.Rubrics;

namespace Grader.Core.Scoring.Criteria;

/// <summary>Fraction 1 (no loss) unless a penalised term or pattern appears in prose in scope; then 0.</summary>
internal sealed class PenaltyEvaluator : ICriterionEvaluator
{
    public Evaluation Evaluate(Criterion criterion, AnalysisContext context, EvidenceIndex evidence)
    {
        var penalty = (PenaltyCriterion)criterion;
        var terms = context.Compiled.Penalties[penalty];
        foreach (var unit in context.Prose)
        {
            if (evidence.ScopeFactor(unit, penalty.Scope) < 1)
            {
                continue;
            }

            var hit = terms.Matches(context.Stems(unit.Index)).Select(m => m.Key).FirstOrDefault()
                ?? (penalty.Pattern?.Match(unit.Text) is { Success: true } m ? m.Value : null);
            if (hit is not null)
            {
                return new Evaluation(0, [unit.Span], $"penalised: \"{hit}\"");
            }
        }

        return new Evaluation(1, [], null);
    }
}
