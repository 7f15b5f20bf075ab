using FluentValidation;
using Grader.Core.Mapping;
using Grader.Core.Rubrics.Kinds;

namespace Grader.Core.Rubrics;

/// <summary>Checks one rubric file as written (before inheritance). Every failure carries a stable error code.</summary>
internal sealed class RubricValidator : AbstractValidator<RubricDto>
{
    public RubricValidator(IReadOnlySet<string> knownRules)
    {
        RuleFor(r => r.Id).NotEmpty().WithErrorCode("rubric.id-missing")
            .WithMessage("Every rubric needs an 'id:' (lower-case, dashes), e.g. 'id: news-feed'");
        RuleFor(r => r.Id).Matches("^[a-z0-9][a-z0-9-]*$").When(r => !string.IsNullOrEmpty(r.Id))
            .WithErrorCode("rubric.id-format").WithMessage("'id' must be lower-case letters, digits and dashes, e.g. 'news-feed'");
        RuleFor(r => r.Title).NotEmpty().WithErrorCode("rubric.title-missing").WithMessage("Every rubric needs a 'title:'");
        RuleFor(r => r.Steps).NotNull().When(r => r.Extends is null).WithErrorCode("rubric.steps-missing")
            .WithMessage("A rubric without 'extends:' must define all seven 'steps:'");
        RuleForEach(r => r.Steps).Must(kv => FrameworkSteps.TryParse(kv.Key, out _))
            .WithErrorCode("rubric.step-unknown")
            .WithMessage((_, kv) => $"Unknown step '{kv.Key}'. Steps are: {string.Join(", ", FrameworkSteps.All.Select(s => s.ToId()))}");
        RuleForEach(r => r.Steps).Must(kv => kv.Value?.Weight is null or >= 0)
            .WithErrorCode("rubric.weight-negative").WithMessage((_, kv) => $"Step '{kv.Key}' has a negative weight");
        RuleFor(r => r.Criteria).Must(HaveUniqueIds).WithErrorCode("rubric.duplicate-id")
            .WithMessage(r => $"Criterion id '{FirstDuplicate(r.Criteria!)}' is used twice; ids must be unique");
        RuleForEach(r => r.Criteria).SetValidator(new CriterionValidator(knownRules));
    }

    private static bool HaveUniqueIds(List<CriterionDto>? criteria) => criteria is null || FirstDuplicate(criteria) is null;

    private static string? FirstDuplicate(List<CriterionDto> criteria) =>
        criteria.Where(c => c.Id is not null).GroupBy(c => c.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;

    // The first key, in the order of CriterionKinds.All, that the criterion sets but its kind does not accept.
    private static string? ForeignKey(CriterionDto c, CriterionKind kind) =>
        CriterionKinds.AllKeys.Where(k => k.Value(c) is not null && !kind.Keys.Contains(k.Name)).Select(k => k.Name).FirstOrDefault();

    private sealed class CriterionValidator : AbstractValidator<CriterionDto>
    {
        // A line of a skeleton, not an essay: 'help:' is for the longer explanation.
        private const int MaxGuidance = 300;

        public CriterionValidator(IReadOnlySet<string> knownRules)
        {
            RuleFor(c => c.Id).NotEmpty().WithErrorCode("criterion.id-missing").WithMessage("Every criterion needs an 'id:'");
            RuleFor(c => c.Step).Must(s => FrameworkSteps.TryParse(s, out _)).WithErrorCode("criterion.step-unknown")
                .WithMessage(c => $"Criterion '{c.Id}': 'step: {c.Step}' is not a step; use one of {string.Join(", ", FrameworkSteps.All.Select(s => s.ToId()))}");
            RuleFor(c => c.Kind).Must(k => CriterionKinds.Find(k) is not null).WithErrorCode("criterion.kind-unknown")
                .WithMessage(c => $"Criterion '{c.Id}': unknown kind '{c.Kind}'; use one of {string.Join(", ", CriterionKinds.All.Select(k => k.Name))}");
            RuleFor(c => c.Points).NotNull().GreaterThan(0).WithErrorCode("criterion.points")
                .WithMessage(c => $"Criterion '{c.Id}' needs 'points:' greater than 0");
            RuleFor(c => c.Message).NotEmpty().WithErrorCode("criterion.message-missing")
                .WithMessage(c => $"Criterion '{c.Id}' needs a 'message:' that says what is missing");
            When(c => c.Guidance is not null, () =>
            {
                RuleFor(c => c.Guidance).Must(g => !string.IsNullOrWhiteSpace(g)).WithErrorCode("criterion.guidance-empty")
                    .WithMessage(c => $"Criterion '{c.Id}': 'guidance:' is empty; say what an answer should cover, or leave the key out");
                RuleFor(c => c.Guidance).Must(g => string.IsNullOrWhiteSpace(g) || (g.Trim().Length <= MaxGuidance && !g.Trim().Any(char.IsControl)))
                    .WithErrorCode("criterion.guidance-form")
                    .WithMessage(c => $"Criterion '{c.Id}': 'guidance:' must be one line of at most {MaxGuidance} characters, e.g. 'State the scale: users, items, requests per second'");
                RuleFor(c => c.Guidance).Must((c, g) => !string.Equals(g?.Trim(), c.Message?.Trim(), StringComparison.Ordinal))
                    .WithErrorCode("criterion.guidance-is-message")
                    .WithMessage(c => $"Criterion '{c.Id}': 'guidance:' repeats 'message:'; the message says what is missing, guidance what an answer should cover");
                RuleFor(c => c.Kind).Must(k => CriterionKinds.Find(k) is not { Deducts: true }).WithErrorCode("criterion.guidance-deducts")
                    .WithMessage(c => $"Criterion '{c.Id}': kind {c.Kind} only deducts points, so it has nothing to cover; remove 'guidance:' ('message:' and 'help:' say what is wrong)");
            });
            RuleForEach(c => c.In).Must(s => FrameworkSteps.TryParse(s, out _)).WithErrorCode("criterion.in-unknown")
                .WithMessage((c, s) => $"Criterion '{c.Id}': 'in' names unknown step '{s}'");
            RuleFor(c => c.Partial).Must(p => p is null or "proportional" or "all-or-nothing").WithErrorCode("criterion.partial-unknown")
                .WithMessage(c => $"Criterion '{c.Id}': 'partial: {c.Partial}' is not known; write 'proportional' (the default) or 'all-or-nothing'");
            RuleFor(c => c).Must(c => CriterionKinds.Find(c.Kind) is not { } kind || ForeignKey(c, kind) is null).WithErrorCode("criterion.key-not-for-kind")
                .WithMessage(c => $"Criterion '{c.Id}': '{ForeignKey(c, CriterionKinds.Find(c.Kind)!)}' does not apply to kind '{c.Kind}'; keys for it are: {string.Join(", ", CriterionKinds.Find(c.Kind)!.Keys)}");
            RuleFor(c => c.Rule).Must(r => r is null || knownRules.Contains(r)).WithErrorCode("criterion.rule-unknown")
                .WithMessage(c => $"Criterion '{c.Id}': rule '{c.Rule}' is not a Grader rule; see 'grader explain' for the list");

            foreach (var kind in CriterionKinds.All)
            {
                When(c => c.Kind == kind.Name, () => kind.AddRules(this));
            }

            // Any pattern must compile, even one on a kind it does not apply to (that is reported above too).
            When(c => !string.IsNullOrEmpty(c.Pattern), () =>
            {
                RuleFor(c => c.Pattern).Must(p => RubricRegex.Check(p!) is null).WithErrorCode("criterion.pattern-invalid")
                    .WithMessage(c => $"Criterion '{c.Id}': pattern {RubricRegex.Check(c.Pattern!)}");
            });
        }
    }
}
