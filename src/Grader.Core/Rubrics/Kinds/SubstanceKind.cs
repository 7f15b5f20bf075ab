using FluentValidation;
using Grader.Core.Analysis;
using Grader.Core.Mapping;
using Grader.Core.Parsing;
using Grader.Core.Scoring;

namespace Grader.Core.Rubrics.Kinds;

/// <summary>Minimum prose in scope: words, sentences and (optionally) list items, equal shares of the credit.</summary>
public sealed record SubstanceCriterion(
    string Id, FrameworkStep Step, double Points, string Message, string? Help, StepSet Scope, string? ExplainedBy, PartialCredit Partial,
    int MinWords,
    int MinSentences,
    int MinListItems)
    : Criterion(Id, Step, Points, Message, Help, Scope, ExplainedBy, Partial);

internal sealed partial class CriterionDto
{
    public int? MinWords { get; set; }
    public int? MinSentences { get; set; }
    public int? MinListItems { get; set; }
}

/// <summary>Half the credit for prose words, half for prose sentences, in the criterion's own scope only.</summary>
internal sealed class SubstanceKind() : CriterionKind<SubstanceCriterion>(
    "substance", [Key("minWords", c => c.MinWords), Key("minSentences", c => c.MinSentences), Key("minListItems", c => c.MinListItems)])
{
    internal override void AddRules(AbstractValidator<CriterionDto> rules)
    {
        rules.RuleFor(c => c.MinWords).NotNull().GreaterThan(0).WithErrorCode("criterion.min-words")
            .WithMessage(c => $"Criterion '{c.Id}' of kind substance needs 'minWords:' greater than 0");
        rules.RuleFor(c => c.MinSentences).NotNull().GreaterThan(0).WithErrorCode("criterion.min-sentences")
            .WithMessage(c => $"Criterion '{c.Id}' of kind substance needs 'minSentences:' greater than 0");
    }

    internal override Criterion Build(CriterionDto dto, CriterionCommon common) =>
        new SubstanceCriterion(
            common.Id, common.Step, common.Points, common.Message, common.Help, common.Scope, common.ExplainedBy, common.Partial,
            dto.MinWords!.Value, dto.MinSentences!.Value, dto.MinListItems ?? 0);

    protected override Evaluation Evaluate(SubstanceCriterion criterion, AnalysisContext context, EvidenceIndex evidence)
    {
        // Repeated sentences count once; one that strings concepts together without deciding, or says nothing of the
        // design, is worth a share of its length: padding does not make a step substantial.
        var (units, worth) = context.Substance(criterion.Scope);
        var words = (int)Math.Round(worth);
        var sentences = 0.0;
        var items = 0;
        foreach (var unit in units)
        {
            sentences += context.SubstanceCredit(unit.Index);
            items += unit.Kind == UnitKind.ListItem ? 1 : 0;
        }

        var parts = new List<double>
        {
            Math.Min(1.0, (double)words / criterion.MinWords),
            Math.Min(1.0, sentences / criterion.MinSentences),
        };
        if (criterion.MinListItems > 0)
        {
            parts.Add(Math.Min(1.0, (double)items / criterion.MinListItems));
        }

        var fraction = parts.Average();
        return new Evaluation(
            fraction,
            units.Count > 0 ? [units[0].Span] : [],
            fraction < 1
                ? $"{words} words in {units.Count} sentences (counted as decisions){(criterion.MinListItems > 0 ? $", {items} list items" : "")}; "
                    + $"expected {criterion.MinWords} words in {criterion.MinSentences} sentences"
                    + (criterion.MinListItems > 0 ? $" and {criterion.MinListItems} list items" : "")
                : null);
    }

    protected override string Outline(SubstanceCriterion criterion) =>
        $"Write at least {criterion.MinWords} words in {criterion.MinSentences} sentences{(criterion.MinListItems > 0 ? $" and {criterion.MinListItems} list items" : "")} of your own reasoning on this step.";
}

