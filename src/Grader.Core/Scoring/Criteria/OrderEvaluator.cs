using Grader.Core.Analysis;
using Grader.Core.Mapping;
using Grader.Core.Rubrics;

namespace Grader.Core.Scoring.Criteria;

/// <summary>Share of pairs of headed steps that appear in framework order.</summary>
internal sealed class OrderEvaluator : ICriterionEvaluator
{
    public Evaluation Evaluate(Criterion criterion, AnalysisContext context, EvidenceIndex evidence)
    {
        var lines = FrameworkSteps.All
            .Where(s => context.Map[s].HeadingSection is not null)
            .Select(s => (Step: s, Line: context.StepAnchor(s).Line))
            .ToList();
        if (lines.Count < 2)
        {
            return Evaluation.Nothing("fewer than two steps have headings, so there is no order to judge");
        }

        int pairs = 0, inOrder = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            for (var j = i + 1; j < lines.Count; j++)
            {
                pairs++;
                if (lines[i].Line <= lines[j].Line)
                {
                    inOrder++;
                }
            }
        }

        var fraction = (double)inOrder / pairs;
        return new Evaluation(fraction, [context.StepAnchor(lines[0].Step)], fraction < 1 ? $"{pairs - inOrder} of {pairs} step pairs out of order" : null);
    }
}
