using System.Collections.Immutable;
using FluentValidation;
using Grader.Core.Analysis;
using Grader.Core.Mapping;
using Grader.Core.Scoring;

namespace Grader.Core.Rubrics.Kinds;

/// <summary>
/// A penalised pattern: when its terms or regular expression appear in prose in scope, the step loses
/// <see cref="Criterion.Points"/> (scaled like any other criterion). It adds nothing to the points available.
/// </summary>
public sealed record PenaltyCriterion(
    string Id, FrameworkStep Step, double Points, string Message, string? Help, StepSet Scope, string? ExplainedBy, PartialCredit Partial,
    ImmutableArray<string> Terms,
    string? Pattern)
    : Criterion(Id, Step, Points, Message, Help, Scope, ExplainedBy, Partial);

internal sealed partial class CriterionDto
{
    public List<string>? Terms { get; set; }
}

/// <summary>Fraction 1 (no loss) unless a penalised term or pattern appears in prose in scope; then 0.</summary>
internal sealed class PenaltyKind() : CriterionKind<PenaltyCriterion>("penalty", [Key("terms", c => c.Terms), Key("pattern", c => c.Pattern)])
{
    internal override Diagnostics.DiagnosticDescriptor? Deduction => Diagnostics.EngineDescriptors.PatternPenalised;

    internal override void AddRules(AbstractValidator<CriterionDto> rules) =>
        rules.RuleFor(c => c).Must(c => c.Terms is { Count: > 0 } || !string.IsNullOrEmpty(c.Pattern)).WithErrorCode("criterion.penalty-empty")
            .WithMessage(c => $"Criterion '{c.Id}' of kind penalty needs 'terms:' or 'pattern:' saying what is penalised");

    internal override Criterion Build(CriterionDto dto, CriterionCommon common) =>
        new PenaltyCriterion(
            common.Id, common.Step, common.Points, common.Message, common.Help, common.Scope, common.ExplainedBy, common.Partial,
            [.. dto.Terms ?? []], string.IsNullOrEmpty(dto.Pattern) ? null : dto.Pattern);

    protected override string? Pattern(PenaltyCriterion criterion) => criterion.Pattern;

    protected override Evaluation Evaluate(PenaltyCriterion criterion, AnalysisContext context, EvidenceIndex evidence)
    {
        var terms = context.Compiled.Penalties[criterion];
        var pattern = criterion.Pattern is null ? null : context.Compiled.Pattern(criterion);
        foreach (var unit in context.Prose)
        {
            if (evidence.ScopeFactor(unit, criterion.Scope) < 1)
            {
                continue;
            }

            var hit = terms.Matches(context.Stems(unit.Index)).Select(m => m.Key).FirstOrDefault()
                ?? FirstMatch(pattern, unit.Content.Span);
            if (hit is not null)
            {
                return new Evaluation(0, [unit.Span], $"penalised: \"{hit}\"");
            }
        }

        return new Evaluation(1, [], null);
    }

    // The first match's text, as Regex.Match(text).Value gives it, read in place.
    private static string? FirstMatch(System.Text.RegularExpressions.Regex? pattern, ReadOnlySpan<char> text)
    {
        if (pattern is not null)
        {
            foreach (var m in pattern.EnumerateMatches(text))
            {
                return text.Slice(m.Index, m.Length).ToString();
            }
        }

        return null;
    }
}
