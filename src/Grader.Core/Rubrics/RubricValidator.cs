using FluentValidation;
using Grader.Core.Mapping;
using Grader.Core.Text;

namespace Grader.Core.Rubrics;

/// <summary>Checks one rubric file as written (before inheritance). Every failure carries a stable error code.</summary>
internal sealed class RubricValidator : AbstractValidator<RubricDto>
{
    public static readonly string[] Kinds = ["concepts", "quantities", "substance", "analyzer", "diagram"];

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

    private sealed class CriterionValidator : AbstractValidator<CriterionDto>
    {
        public CriterionValidator(IReadOnlySet<string> knownRules)
        {
            RuleFor(c => c.Id).NotEmpty().WithErrorCode("criterion.id-missing").WithMessage("Every criterion needs an 'id:'");
            RuleFor(c => c.Step).Must(s => FrameworkSteps.TryParse(s, out _)).WithErrorCode("criterion.step-unknown")
                .WithMessage(c => $"Criterion '{c.Id}': 'step: {c.Step}' is not a step; use one of {string.Join(", ", FrameworkSteps.All.Select(s => s.ToId()))}");
            RuleFor(c => c.Kind).Must(k => Kinds.Contains(k)).WithErrorCode("criterion.kind-unknown")
                .WithMessage(c => $"Criterion '{c.Id}': unknown kind '{c.Kind}'; use one of {string.Join(", ", Kinds)}");
            RuleFor(c => c.Points).NotNull().GreaterThan(0).WithErrorCode("criterion.points")
                .WithMessage(c => $"Criterion '{c.Id}' needs 'points:' greater than 0");
            RuleFor(c => c.Message).NotEmpty().WithErrorCode("criterion.message-missing")
                .WithMessage(c => $"Criterion '{c.Id}' needs a 'message:' that says what is missing");
            RuleForEach(c => c.In).Must(s => FrameworkSteps.TryParse(s, out _)).WithErrorCode("criterion.in-unknown")
                .WithMessage((c, s) => $"Criterion '{c.Id}': 'in' names unknown step '{s}'");
            RuleFor(c => c.Rule).Must(r => r is null || knownRules.Contains(r)).WithErrorCode("criterion.rule-unknown")
                .WithMessage(c => $"Criterion '{c.Id}': rule '{c.Rule}' is not a Grader rule; see 'grader explain' for the list");

            When(c => c.Kind == "concepts", () =>
            {
                RuleFor(c => c.Concepts).NotEmpty().WithErrorCode("criterion.concepts-missing")
                    .WithMessage(c => $"Criterion '{c.Id}' of kind concepts needs 'concepts:', a list of synonym lists");
                RuleFor(c => c.AtLeast).Must((c, n) => n is null || (n >= 1 && n <= (c.Concepts?.Count ?? 0)))
                    .WithErrorCode("criterion.unreachable")
                    .WithMessage(c => $"Criterion '{c.Id}': atLeast {c.AtLeast} cannot be reached with {c.Concepts?.Count ?? 0} concepts");
                RuleForEach(c => c.Concepts).Must(g => g is { Count: > 0 } && g.All(t => Stemmer.StemAll(t).Length > 0))
                    .WithErrorCode("criterion.concept-empty").WithMessage(c => $"Criterion '{c.Id}' has an empty concept or term");
            });
            When(c => c.Kind == "quantities", () =>
            {
                RuleFor(c => c.Quantities).NotEmpty().WithErrorCode("criterion.quantities-missing")
                    .WithMessage(c => $"Criterion '{c.Id}' of kind quantities needs 'quantities:', e.g. [users, latency]");
                RuleForEach(c => c.Quantities).Must(q => Enum.TryParse<QuantityKind>(q, true, out _)).WithErrorCode("criterion.quantity-unknown")
                    .WithMessage((c, q) => $"Criterion '{c.Id}': unknown quantity '{q}'; use {string.Join(", ", Enum.GetNames<QuantityKind>().Select(n => n.ToLowerInvariant()))}");
                RuleFor(c => c.AtLeast).Must((c, n) => n is null || (n >= 1 && n <= (c.Quantities?.Count ?? 0)))
                    .WithErrorCode("criterion.unreachable")
                    .WithMessage(c => $"Criterion '{c.Id}': atLeast {c.AtLeast} cannot be reached with {c.Quantities?.Count ?? 0} quantity kinds");
            });
            When(c => c.Kind == "substance", () =>
            {
                RuleFor(c => c.MinWords).NotNull().GreaterThan(0).WithErrorCode("criterion.min-words")
                    .WithMessage(c => $"Criterion '{c.Id}' of kind substance needs 'minWords:' greater than 0");
                RuleFor(c => c.MinSentences).NotNull().GreaterThan(0).WithErrorCode("criterion.min-sentences")
                    .WithMessage(c => $"Criterion '{c.Id}' of kind substance needs 'minSentences:' greater than 0");
            });
            When(c => c.Kind == "analyzer", () =>
            {
                RuleFor(c => c.Rule).NotEmpty().WithErrorCode("criterion.rule-missing")
                    .WithMessage(c => $"Criterion '{c.Id}' of kind analyzer needs 'rule:', an MLSD rule id");
            });
        }
    }
}
