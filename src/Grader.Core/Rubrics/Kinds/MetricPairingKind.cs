using System.Collections.Immutable;
using FluentValidation;
using Grader.Core.Analysis;
using Grader.Core.Mapping;
using Grader.Core.Scoring;

namespace Grader.Core.Rubrics.Kinds;

/// <summary>Half the credit for an offline metric of the right family for the framing, half for an online one.</summary>
public sealed record MetricPairingCriterion(
    string Id, FrameworkStep Step, double Points, string Message, string? Help, StepSet Scope, string? ExplainedBy, PartialCredit Partial,
    ImmutableArray<Concept> Offline,
    ImmutableArray<Concept> Online)
    : Criterion(Id, Step, Points, Message, Help, Scope, ExplainedBy, Partial);

internal sealed partial class CriterionDto
{
    public List<List<string>>? Offline { get; set; }
    public List<List<string>>? Online { get; set; }
}

/// <summary>Half the credit for an offline metric of the family the rubric names, half for an online metric.</summary>
internal sealed class MetricPairingKind() : CriterionKind<MetricPairingCriterion>(
    "metric-pairing", [Key("offline", c => c.Offline), Key("online", c => c.Online)])
{
    internal override void AddRules(AbstractValidator<CriterionDto> rules)
    {
        rules.RuleFor(c => c.Offline).NotEmpty().WithErrorCode("criterion.offline-missing")
            .WithMessage(c => $"Criterion '{c.Id}' of kind metric-pairing needs 'offline:', synonym lists of offline metrics that fit the task");
        rules.RuleFor(c => c.Online).NotEmpty().WithErrorCode("criterion.online-missing")
            .WithMessage(c => $"Criterion '{c.Id}' of kind metric-pairing needs 'online:', synonym lists of online metrics");
    }

    internal override Criterion Build(CriterionDto dto, CriterionCommon common) =>
        new MetricPairingCriterion(
            common.Id, common.Step, common.Points, common.Message, common.Help, common.Scope, common.ExplainedBy, common.Partial,
            Concepts(dto.Offline), Concepts(dto.Online));

    protected override Evaluation Evaluate(MetricPairingCriterion criterion, AnalysisContext context, EvidenceIndex evidence)
    {
        var offline = evidence.Cover(context.Compiled.SetIndex(criterion, 0), criterion.Offline, criterion.Scope, 1);
        var online = evidence.Cover(context.Compiled.SetIndex(criterion, 1), criterion.Online, criterion.Scope, 1);
        var missing = new List<string>();
        if (offline.Fraction < 1)
        {
            missing.Add($"offline: {offline.Missing}");
        }

        if (online.Fraction < 1)
        {
            missing.Add($"online: {online.Missing}");
        }

        return new Evaluation(
            (offline.Fraction + online.Fraction) / 2,
            [.. offline.Evidence, .. online.Evidence],
            missing.Count > 0 ? string.Join("; ", missing) : null);
    }

    // Set 0 offline, set 1 online: the indexes Evaluate asks the compiled rubric for.
    protected override ImmutableArray<ImmutableArray<Concept>> ConceptGroups(MetricPairingCriterion criterion) => [criterion.Offline, criterion.Online];

    protected override string Outline(MetricPairingCriterion criterion) =>
        $"Pair an offline metric ({Names(criterion.Offline.Select(DisplayName), "or")}) with an online metric ({Names(criterion.Online.Select(DisplayName), "or")}).";
}
