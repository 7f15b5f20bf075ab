using Grader.Core.Analysis;
using Grader.Core.Rubrics;

namespace Grader.Core.Scoring.Criteria;

/// <summary>Credit for the best mention of each concept, the top <c>atLeast</c> of them averaged.</summary>
internal sealed class ConceptsEvaluator : ICriterionEvaluator
{
    public Evaluation Evaluate(Criterion criterion, AnalysisContext context, EvidenceIndex evidence)
    {
        var concepts = (ConceptsCriterion)criterion;
        var (fraction, spans, missing) = evidence.Cover(context.Compiled.SetIndex(concepts), concepts.Concepts, concepts.Scope, concepts.AtLeast);
        return new Evaluation(fraction, spans, missing);
    }
}
