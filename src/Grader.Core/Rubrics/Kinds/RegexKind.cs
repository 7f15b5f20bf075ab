using FluentValidation;
using Grader.Core.Analysis;
using Grader.Core.Mapping;
using Grader.Core.Scoring;

namespace Grader.Core.Rubrics.Kinds;

/// <summary>Matches of a regular expression in prose in scope; credit for at least <see cref="AtLeast"/>.</summary>
public sealed record RegexCriterion(
    string Id, FrameworkStep Step, double Points, string Message, string? Help, StepSet Scope, string? ExplainedBy, PartialCredit Partial,
    string Pattern,
    int AtLeast)
    : Criterion(Id, Step, Points, Message, Help, Scope, ExplainedBy, Partial);

/// <summary>Credit per prose unit in scope that matches the pattern, up to <c>atLeast</c>.</summary>
internal sealed class RegexKind() : CriterionKind<RegexCriterion>("regex", [Key("pattern", c => c.Pattern), Key("atLeast", c => c.AtLeast)])
{
    internal override void AddRules(AbstractValidator<CriterionDto> rules) =>
        rules.RuleFor(c => c.Pattern).NotEmpty().WithErrorCode("criterion.pattern-missing")
            .WithMessage(c => $"Criterion '{c.Id}' of kind regex needs 'pattern:'");

    internal override Criterion Build(CriterionDto dto, CriterionCommon common) =>
        new RegexCriterion(
            common.Id, common.Step, common.Points, common.Message, common.Help, common.Scope, common.ExplainedBy, common.Partial,
            dto.Pattern!, dto.AtLeast ?? 1);

    protected override string? Pattern(RegexCriterion criterion) => criterion.Pattern;

    protected override Evaluation Evaluate(RegexCriterion criterion, AnalysisContext context, EvidenceIndex evidence)
    {
        var pattern = context.Compiled.Pattern(criterion);
        var hits = context.Prose
            .Where(u => pattern.IsMatch(u.Content.Span))
            .Select(u => (u.Span, Credit: evidence.ScopeFactor(u, criterion.Scope)))
            .OrderByDescending(h => h.Credit)
            .Take(criterion.AtLeast)
            .ToList();
        var fraction = Math.Min(1.0, hits.Sum(h => h.Credit) / criterion.AtLeast);
        return new Evaluation(fraction, [.. hits.Select(h => h.Span)], fraction < 1 ? $"{hits.Count} of {criterion.AtLeast} expected matches of /{criterion.Pattern}/" : null);
    }
}
