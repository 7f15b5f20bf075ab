using Grader.Core.Analysis;
using Grader.Core.Parsing;
using Grader.Core.Rubrics;

namespace Grader.Core.Scoring.Criteria;

/// <summary>Full credit for a Mermaid block, ASCII-art diagram or image in a section mapped to the scope.</summary>
internal sealed class DiagramEvaluator : ICriterionEvaluator
{
    public Evaluation Evaluate(Criterion criterion, AnalysisContext context, EvidenceIndex evidence)
    {
        foreach (var block in context.Document.Blocks)
        {
            var counts = block.Kind is BlockKind.Diagram or BlockKind.Image || (block.Kind == BlockKind.Table && ((DiagramCriterion)criterion).AllowTable);
            if (counts && !context.Map.IgnoredSections[block.Section]
                && ((context.Map.SectionSteps[block.Section] & criterion.Scope) != 0 || context.Map.SectionSteps[block.Section] == 0))
            {
                return new Evaluation(1, [block.Span], null);
            }
        }

        return Evaluation.Nothing("no Mermaid block, ASCII-art diagram or image");
    }
}
