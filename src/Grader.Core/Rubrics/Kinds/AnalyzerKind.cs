using FluentValidation;
using Grader.Core.Analysis;
using Grader.Core.Analyzers.Structure;
using Grader.Core.Mapping;
using Grader.Core.Scoring;

namespace Grader.Core.Rubrics.Kinds;

/// <summary>Full credit unless the named analyzer reported a finding.</summary>
public sealed record AnalyzerCriterion(
    string Id, FrameworkStep Step, double Points, string Message, string? Help, StepSet Scope, string? ExplainedBy, PartialCredit Partial,
    string Rule)
    : Criterion(Id, Step, Points, Message, Help, Scope, ExplainedBy, Partial);

/// <summary>Full credit when the analyzer found nothing, provided the step has enough prose for that to mean something.</summary>
internal sealed class AnalyzerKind() : CriterionKind<AnalyzerCriterion>("analyzer", [])
{
    internal override void AddRules(AbstractValidator<CriterionDto> rules) =>
        rules.RuleFor(c => c.Rule).NotEmpty().WithErrorCode("criterion.rule-missing")
            .WithMessage(c => $"Criterion '{c.Id}' of kind analyzer needs 'rule:', an MLSD rule id");

    // The rule is also what explains a loss here, so the scorer needs nothing analyzer-specific.
    internal override Criterion Build(CriterionDto dto, CriterionCommon common) =>
        new AnalyzerCriterion(
            common.Id, common.Step, common.Points, common.Message, common.Help, common.Scope, common.ExplainedBy, common.Partial,
            dto.Rule!);

    protected override Evaluation Evaluate(AnalyzerCriterion criterion, AnalysisContext context, EvidenceIndex evidence)
    {
        if (context.Fired(criterion.Rule))
        {
            return Evaluation.Nothing($"{criterion.Rule} reported");
        }

        // An empty model step has no unjustified models, but that earns nothing.
        var words = 0;
        Parsing.TextUnit? first = null;
        foreach (var unit in context.ProseIn(criterion.Step))
        {
            words += unit.WordCount;
            first ??= unit;
        }

        if (words < StepHollowAnalyzer.MinProseWords)
        {
            return Evaluation.Nothing($"the {criterion.Step.ToString().ToLowerInvariant()} step has too little prose to judge");
        }

        return new Evaluation(1, [first!.Span], null);
    }

    protected override string Describe(AnalyzerCriterion criterion) => criterion.Rule;

    protected override string Outline(AnalyzerCriterion criterion) => $"Give what rule {criterion.Rule} looks for ('grader explain {criterion.Rule}' says what).";
}
