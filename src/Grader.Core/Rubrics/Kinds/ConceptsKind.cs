using System.Collections.Immutable;
using FluentValidation;
using Grader.Core.Analysis;
using Grader.Core.Mapping;
using Grader.Core.Scoring;
using Grader.Core.Text;

namespace Grader.Core.Rubrics.Kinds;

/// <summary>Named ideas, each a group of synonyms; credit for at least <see cref="AtLeast"/> of them, in prose.</summary>
public sealed record ConceptsCriterion(
    string Id, FrameworkStep Step, double Points, string Message, string? Help, StepSet Scope, string? ExplainedBy, PartialCredit Partial,
    ImmutableArray<Concept> Concepts,
    int AtLeast)
    : Criterion(Id, Step, Points, Message, Help, Scope, ExplainedBy, Partial);

internal sealed partial class CriterionDto
{
    public List<List<string>>? Concepts { get; set; }
    public string? Mode { get; set; }
}

/// <summary>Credit for the best mention of each concept, the top <c>atLeast</c> of them averaged.</summary>
internal sealed class ConceptsKind() : CriterionKind<ConceptsCriterion>(
    "concepts", [Key("concepts", c => c.Concepts), Key("atLeast", c => c.AtLeast), Key("mode", c => c.Mode)])
{
    internal override void AddRules(AbstractValidator<CriterionDto> rules)
    {
        rules.RuleFor(c => c.Mode).Must(m => m is null or "any" or "all").WithErrorCode("criterion.mode-unknown")
            .WithMessage(c => $"Criterion '{c.Id}': 'mode: {c.Mode}' is not known; write 'any', 'all', or give 'atLeast: N'");
        rules.RuleFor(c => c.Concepts).NotEmpty().WithErrorCode("criterion.concepts-missing")
            .WithMessage(c => $"Criterion '{c.Id}' of kind concepts needs 'concepts:', a list of synonym lists");
        rules.RuleFor(c => c.AtLeast).Must((c, n) => n is null || (n >= 1 && n <= (c.Concepts?.Count ?? 0)))
            .WithErrorCode("criterion.unreachable")
            .WithMessage(c => $"Criterion '{c.Id}': atLeast {c.AtLeast} cannot be reached with {c.Concepts?.Count ?? 0} concepts");
        rules.RuleForEach(c => c.Concepts).Must(g => g is { Count: > 0 } && g.All(t => Stemmer.StemAll(t).Length > 0))
            .WithErrorCode("criterion.concept-empty").WithMessage(c => $"Criterion '{c.Id}' has an empty concept or term");
    }

    internal override Criterion Build(CriterionDto dto, CriterionCommon common) =>
        new ConceptsCriterion(
            common.Id, common.Step, common.Points, common.Message, common.Help, common.Scope, common.ExplainedBy, common.Partial,
            Concepts(dto.Concepts), dto.Mode == "all" ? dto.Concepts!.Count : dto.AtLeast ?? 1);

    protected override Evaluation Evaluate(ConceptsCriterion criterion, AnalysisContext context, EvidenceIndex evidence)
    {
        var (fraction, spans, missing) = evidence.Cover(context.Compiled.SetIndex(criterion), criterion.Concepts, criterion.Scope, criterion.AtLeast);
        return new Evaluation(fraction, spans, missing);
    }

    protected override ImmutableArray<ImmutableArray<Concept>> ConceptGroups(ConceptsCriterion criterion) => [criterion.Concepts];

    protected override string Outline(ConceptsCriterion criterion) =>
        $"Cover {HowMany(criterion.AtLeast, criterion.Concepts.Length)}{Names(criterion.Concepts.Select(DisplayName))}.";

    protected override string Describe(ConceptsCriterion criterion) => $"concepts {criterion.AtLeast}/{criterion.Concepts.Length}";

    protected override IEnumerable<string> Explain(ConceptsCriterion criterion) =>
        [$"Needs at least {criterion.AtLeast} of:", .. criterion.Concepts.Select(k => $"  - {string.Join(" / ", k.Terms)}")];
}
