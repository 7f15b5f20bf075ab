using Grader.Core.Analysis;
using Grader.Core.Mapping;
using Grader.Core.Scoring;

namespace Grader.Core.Rubrics.Kinds;

/// <summary>Steps in framework order: credit falls with each pair of headed steps out of order.</summary>
public sealed record OrderCriterion(
    string Id, FrameworkStep Step, double Points, string Message, string? Help, StepSet Scope, string? ExplainedBy, PartialCredit Partial)
    : Criterion(Id, Step, Points, Message, Help, Scope, ExplainedBy, Partial);

/// <summary>Share of pairs of headed steps that appear in framework order.</summary>
internal sealed class OrderKind() : CriterionKind<OrderCriterion>("order", [])
{
    internal override Criterion Build(CriterionDto dto, CriterionCommon common) =>
        new OrderCriterion(common.Id, common.Step, common.Points, common.Message, common.Help, common.Scope, common.ExplainedBy, common.Partial);

    protected override Evaluation Evaluate(OrderCriterion criterion, AnalysisContext context, EvidenceIndex evidence)
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

    protected override string Outline(OrderCriterion criterion) => "Keep the steps in framework order.";
}
