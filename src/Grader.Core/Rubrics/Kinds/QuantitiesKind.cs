using System.Collections.Immutable;
using FluentValidation;
using Grader.Core.Analysis;
using Grader.Core.Mapping;
using Grader.Core.Parsing;
using Grader.Core.Scoring;
using Grader.Core.Text;

namespace Grader.Core.Rubrics.Kinds;

/// <summary>Numbers with units of the given kinds; credit for at least <see cref="AtLeast"/> distinct kinds.</summary>
public sealed record QuantitiesCriterion(
    string Id, FrameworkStep Step, double Points, string Message, string? Help, StepSet Scope, string? ExplainedBy, PartialCredit Partial,
    ImmutableArray<QuantityKind> Kinds,
    int AtLeast)
    : Criterion(Id, Step, Points, Message, Help, Scope, ExplainedBy, Partial);

internal sealed partial class CriterionDto
{
    public List<string>? Quantities { get; set; }
}

/// <summary>Credit per distinct kind of quantity found (numbers count in lists and tables too).</summary>
internal sealed class QuantitiesKind() : CriterionKind<QuantitiesCriterion>(
    "quantities", [Key("quantities", c => c.Quantities), Key("atLeast", c => c.AtLeast)])
{
    internal override void AddRules(AbstractValidator<CriterionDto> rules)
    {
        rules.RuleFor(c => c.Quantities).NotEmpty().WithErrorCode("criterion.quantities-missing")
            .WithMessage(c => $"Criterion '{c.Id}' of kind quantities needs 'quantities:', e.g. [users, latency]");
        rules.RuleForEach(c => c.Quantities).Must(q => Enum.TryParse<QuantityKind>(q, true, out _)).WithErrorCode("criterion.quantity-unknown")
            .WithMessage((c, q) => $"Criterion '{c.Id}': unknown quantity '{q}'; use {string.Join(", ", Enum.GetNames<QuantityKind>().Select(n => n.ToLowerInvariant()))}");
        rules.RuleFor(c => c.AtLeast).Must((c, n) => n is null || (n >= 1 && n <= (c.Quantities?.Count ?? 0)))
            .WithErrorCode("criterion.unreachable")
            .WithMessage(c => $"Criterion '{c.Id}': atLeast {c.AtLeast} cannot be reached with {c.Quantities?.Count ?? 0} quantity kinds");
    }

    internal override Criterion Build(CriterionDto dto, CriterionCommon common) =>
        new QuantitiesCriterion(
            common.Id, common.Step, common.Points, common.Message, common.Help, common.Scope, common.ExplainedBy, common.Partial,
            [.. dto.Quantities!.Select(q => Enum.Parse<QuantityKind>(q, true))], dto.AtLeast ?? 1);

    protected override Evaluation Evaluate(QuantitiesCriterion criterion, AnalysisContext context, EvidenceIndex evidence)
    {
        var best = new Dictionary<QuantityKind, (double Credit, SourceSpan Span)>();
        foreach (var unit in context.Document.Units)
        {
            if (unit.Kind == UnitKind.Heading || context.IsExcluded(unit.Index))
            {
                continue;
            }

            var factor = evidence.ScopeFactor(unit, criterion.Scope);
            if (factor == 0)
            {
                continue;
            }

            foreach (var q in context.Facts.Quantities(unit.Index))
            {
                if (criterion.Kinds.Contains(q.Kind) && (!best.TryGetValue(q.Kind, out var b) || factor > b.Credit))
                {
                    best[q.Kind] = (factor, unit.Span);
                }
            }
        }

        var top = best.Values.OrderByDescending(b => b.Credit).Take(criterion.AtLeast).ToList();
        var fraction = Math.Min(1.0, top.Sum(b => b.Credit) / criterion.AtLeast);
        var missing = criterion.Kinds.Where(k => !best.ContainsKey(k)).Select(k => k.ToString().ToLowerInvariant());
        return new Evaluation(fraction, [.. top.Select(b => b.Span)], fraction < 1 ? $"no figures for: {string.Join(", ", missing)}" : null);
    }

    protected override string Outline(QuantitiesCriterion criterion) =>
        $"Give figures with units for {HowMany(criterion.AtLeast, criterion.Kinds.Length)}{Names(criterion.Kinds.Select(k => k.ToString().ToLowerInvariant()))}.";

    protected override string Describe(QuantitiesCriterion criterion) => $"quantities {criterion.AtLeast}";
}
