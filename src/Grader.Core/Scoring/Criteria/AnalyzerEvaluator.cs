using Grader.Core.Analysis;
using Grader.Core.Analyzers.Structure;
using Grader.Core.Rubrics;

namespace Grader.Core.Scoring.Criteria;

/// <summary>Full credit when the analyzer found nothing, provided the step has enough prose for that to mean something.</summary>
internal sealed class AnalyzerEvaluator : ICriterionEvaluator
{
    public Evaluation Evaluate(Criterion criterion, AnalysisContext context, EvidenceIndex evidence)
    {
        var rule = ((AnalyzerCriterion)criterion).Rule;
        if (context.Fired(rule))
        {
            return Evaluation.Nothing($"{rule} reported");
        }

        // An empty model step has no unjustified models, but that earns nothing.
        var prose = context.ProseIn(criterion.Step).ToList();
        if (prose.Sum(u => u.WordCount) < StepHollowAnalyzer.MinProseWords)
        {
            return Evaluation.Nothing($"the {criterion.Step.ToString().ToLowerInvariant()} step has too little prose to judge");
        }

        return new Evaluation(1, [prose[0].Span], null);
    }
}
