using Grader.Core.Analysis;
using Grader.Core.Mapping;
using Grader.Core.Parsing;
using Grader.Core.Scoring;

namespace Grader.Core.Rubrics.Kinds;

/// <summary>A diagram (Mermaid, ASCII art or an image), or with <see cref="AllowTable"/> a table, in scope.</summary>
public sealed record DiagramCriterion(
    string Id, FrameworkStep Step, double Points, string Message, string? Help, StepSet Scope, string? ExplainedBy, PartialCredit Partial,
    bool AllowTable)
    : Criterion(Id, Step, Points, Message, Help, Scope, ExplainedBy, Partial);

internal sealed partial class CriterionDto
{
    public bool? Table { get; set; }
}

/// <summary>Full credit for a Mermaid block, ASCII-art diagram or image in a section mapped to the scope.</summary>
internal sealed class DiagramKind() : CriterionKind<DiagramCriterion>("diagram", [Key("table", c => c.Table)])
{
    internal override Criterion Build(CriterionDto dto, CriterionCommon common) =>
        new DiagramCriterion(
            common.Id, common.Step, common.Points, common.Message, common.Help, common.Scope, common.ExplainedBy, common.Partial,
            dto.Table ?? false);

    protected override Evaluation Evaluate(DiagramCriterion criterion, AnalysisContext context, EvidenceIndex evidence)
    {
        foreach (var block in context.Document.Blocks)
        {
            var counts = block.Kind is BlockKind.Diagram or BlockKind.Image || (block.Kind == BlockKind.Table && criterion.AllowTable);
            if (counts && !context.Map.IgnoredSections[block.Section]
                && ((context.Map.SectionSteps[block.Section] & criterion.Scope) != 0 || context.Map.SectionSteps[block.Section] == 0))
            {
                return new Evaluation(1, [block.Span], null);
            }
        }

        return Evaluation.Nothing("no Mermaid block, ASCII-art diagram or image");
    }

    protected override string Outline(DiagramCriterion criterion) =>
        $"Include a diagram: a Mermaid block, ASCII art or an image{(criterion.AllowTable ? " (a table counts too)" : "")}.";
}
