using FluentValidation;
using Grader.Core.Analysis;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;
using Grader.Core.Scoring;
using Grader.Core.Text;

namespace Grader.Core.Rubrics.Kinds;

/// <summary>
/// A known design error ("accuracy as the headline metric at 0.2 % fraud"): a sentence that states it costs the
/// step <see cref="Criterion.Points"/>, reported as <see cref="DiagnosticIds.DesignError"/> with the sentence as
/// evidence. It does not fire when the sentence negates or contrasts it ("accuracy is misleading here, so ..."), when
/// the same sentence says the right thing (<see cref="Unless"/>), or when the answer puts it right anywhere
/// (<see cref="UnlessAnywhere"/>). Like a penalty it adds nothing to the points available.
/// </summary>
public sealed record MistakeCriterion(
    string Id, FrameworkStep Step, double Points, string Message, string? Help, StepSet Scope, string? ExplainedBy, PartialCredit Partial,
    PhraseSet Mistake,
    PhraseSet Unless,
    PhraseSet UnlessAnywhere,
    StepSet Drives)
    : Criterion(Id, Step, Points, Message, Help, Scope, ExplainedBy, Partial);

internal sealed partial class CriterionDto
{
    public List<string>? Mistake { get; set; }
    public List<string>? Unless { get; set; }
    public List<string>? UnlessAnywhere { get; set; }

    public List<string>? Drives { get; set; }
}

/// <summary>Fraction 1 unless a sentence states the mistake and nothing in it or in the answer puts it right; then 0.</summary>
internal sealed class MistakeKind() : CriterionKind<MistakeCriterion>(
    "mistake", [Key("mistake", c => c.Mistake), Key("unless", c => c.Unless), Key("unlessAnywhere", c => c.UnlessAnywhere), Key("drives", c => c.Drives)])
{
    // Words that turn a sentence against what it names: "accuracy is misleading", "we never split at random".
    private static readonly PhraseSet Negations = new(
    [
        "not", "never", "no", "nor", "avoid", "instead", "rather than", "misleading", "meaningless", "useless", "wrong",
        "mistake", "pitfall", "trap", "fallacy", "bad idea", "don't", "do not", "doesn't", "does not", "won't", "will not",
        "shouldn't", "should not", "isn't", "is not", "can't", "cannot", "would hide", "hides", "inflate", "inflates",
        "naive", "naively", "tempting", "looks good but",
    ]);

    internal override DiagnosticDescriptor? Deduction => EngineDescriptors.DesignError;

    internal override StepSet Drives(Criterion criterion) => ((MistakeCriterion)criterion).Drives;

    internal override void AddRules(AbstractValidator<CriterionDto> rules)
    {
        rules.RuleFor(c => c.Mistake).NotEmpty().WithErrorCode("criterion.mistake-missing")
            .WithMessage(c => $"Criterion '{c.Id}' of kind mistake needs 'mistake:', the wording of the error (terms or descriptions)");
        rules.RuleForEach(c => c.Drives).Must(s => FrameworkSteps.TryParse(s, out _)).WithErrorCode("criterion.drives-unknown")
            .WithMessage((c, s) => $"Criterion '{c.Id}': 'drives' names unknown step '{s}'; use one of {string.Join(", ", FrameworkSteps.All.Select(s => s.ToId()))}");
    }

    internal override Criterion Build(CriterionDto dto, CriterionCommon common) =>
        new MistakeCriterion(
            common.Id, common.Step, common.Points, common.Message, common.Help, common.Scope, common.ExplainedBy, common.Partial,
            new PhraseSet(dto.Mistake ?? []), new PhraseSet(dto.Unless ?? []), new PhraseSet(dto.UnlessAnywhere ?? []),
            (dto.Drives ?? []).Aggregate(StepSet.None, (set, id) => FrameworkSteps.TryParse(id, out var step) ? set | step.ToSet() : set));

    protected override Evaluation Evaluate(MistakeCriterion criterion, AnalysisContext context, EvidenceIndex evidence)
    {
        // Lists count too: "Offline metric: accuracy (> 90 %)" is a decision, bullet or not.
        foreach (var unit in context.Document.Units)
        {
            // In the criterion's steps (its own and those `in:` names), or in text that belongs to no step.
            var steps = context.Map.UnitSteps[unit.Index];
            if (unit.Kind == Parsing.UnitKind.Heading || context.IsExcluded(unit.Index) || context.Map.IgnoredSections[unit.Section]
                || (steps != StepSet.None && (steps & criterion.Scope) == 0))
            {
                continue;
            }

            if (Stated(criterion, context.Stems(unit.Index), unit) is not { } said)
            {
                continue;
            }

            if (!criterion.UnlessAnywhere.IsEmpty && context.Document.Units.Any(u => !context.IsExcluded(u.Index)
                && criterion.UnlessAnywhere.Find(context.Stems(u.Index)) is not null))
            {
                return new Evaluation(1, [], null);
            }

            return new Evaluation(0, [unit.Span], $"stated: \"{Excerpt(unit.Text)}\" (matches \"{said}\")");
        }

        return new Evaluation(1, [], null);
    }

    // The wording of the mistake, if one sentence of the unit states it without negating it or putting it right. A list
    // item may hold several sentences: "Priority: precision. We never want to blur a sign." states the first plainly.
    private static string? Stated(MistakeCriterion criterion, StemmedText stems, Parsing.TextUnit unit)
    {
        if (criterion.Mistake.Find(stems) is null)
        {
            return null;
        }

        var text = unit.Content.Span;
        foreach (var (start, length) in Sentences.Ranges(text))
        {
            var sentence = Stemmer.Tokens(text.Slice(start, length));
            if (criterion.Mistake.Find(sentence) is { } said && criterion.Unless.Find(sentence) is null && Negations.Find(sentence) is null)
            {
                return said;
            }
        }

        return null;
    }

    private static string Excerpt(string text) => text.Length <= 120 ? text : string.Concat(text.AsSpan(0, 117), "...");

    protected override string Describe(MistakeCriterion criterion) => $"mistake ({criterion.Mistake.Entries.Length} wordings)";

    protected override IEnumerable<string> Explain(MistakeCriterion criterion) =>
        [
            "A design error; costs its points when a sentence states:",
            .. criterion.Mistake.Entries.Select(e => $"  - {e}"),
            .. criterion.Unless.IsEmpty ? Array.Empty<string>() : ["Not when the same sentence says:", .. criterion.Unless.Entries.Select(e => $"  - {e}")],
            .. criterion.UnlessAnywhere.IsEmpty ? Array.Empty<string>() : ["Not when the answer anywhere says:", .. criterion.UnlessAnywhere.Entries.Select(e => $"  - {e}")],
            // A wrong objective or metric is wrong in every step it shapes, and where the answer writes it.
            $"Costs its points in {criterion.Step.ToId()}, in the step whose text states it"
                + (criterion.Drives == StepSet.None ? "." : $", and in: {string.Join(", ", criterion.Drives.Steps().Select(s => s.ToId()))}."),
        ];
}
