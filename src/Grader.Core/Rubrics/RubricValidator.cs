using FluentValidation;
using Grader.Core.Mapping;
using Grader.Core.Text;

namespace Grader.Core.Rubrics;

/// <summary>Checks one rubric file as written (before inheritance). Every failure carries a stable error code.</summary>
internal sealed class RubricValidator : AbstractValidator<RubricDto>
{
    public static readonly string[] Kinds = ["concepts", "quantities", "substance", "analyzer", "diagram", "metric-pairing", "order", "penalty", "regex"];

    /// <summary>Keys each kind accepts beyond the common ones (id, step, kind, points, message, help, in, rule, partial).</summary>
    public static readonly IReadOnlyDictionary<string, string[]> KindKeys = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["concepts"] = ["concepts", "atLeast", "mode"],
        ["quantities"] = ["quantities", "atLeast"],
        ["substance"] = ["minWords", "minSentences", "minListItems"],
        ["analyzer"] = [],
        ["diagram"] = ["table"],
        ["metric-pairing"] = ["offline", "online"],
        ["order"] = [],
        ["penalty"] = ["terms", "pattern"],
        ["regex"] = ["pattern", "atLeast"],
    };

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

    private static string? ForeignKey(CriterionDto c)
    {
        var set = new (string Key, bool Present)[]
        {
            ("concepts", c.Concepts is not null), ("atLeast", c.AtLeast is not null), ("mode", c.Mode is not null),
            ("quantities", c.Quantities is not null), ("minWords", c.MinWords is not null), ("minSentences", c.MinSentences is not null),
            ("minListItems", c.MinListItems is not null), ("table", c.Table is not null), ("offline", c.Offline is not null),
            ("online", c.Online is not null), ("terms", c.Terms is not null), ("pattern", c.Pattern is not null),
        };
        var allowed = KindKeys[c.Kind!];
        return set.Where(k => k.Present && !allowed.Contains(k.Key)).Select(k => k.Key).FirstOrDefault();
    }

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
            RuleFor(c => c.Partial).Must(p => p is null or "proportional" or "all-or-nothing").WithErrorCode("criterion.partial-unknown")
                .WithMessage(c => $"Criterion '{c.Id}': 'partial: {c.Partial}' is not known; write 'proportional' (the default) or 'all-or-nothing'");
            RuleFor(c => c).Must(c => c.Kind is null || !KindKeys.ContainsKey(c.Kind) || ForeignKey(c) is null).WithErrorCode("criterion.key-not-for-kind")
                .WithMessage(c => $"Criterion '{c.Id}': '{ForeignKey(c)}' does not apply to kind '{c.Kind}'; keys for it are: {string.Join(", ", KindKeys[c.Kind!])}");
            RuleFor(c => c.Rule).Must(r => r is null || knownRules.Contains(r)).WithErrorCode("criterion.rule-unknown")
                .WithMessage(c => $"Criterion '{c.Id}': rule '{c.Rule}' is not a Grader rule; see 'grader explain' for the list");

            When(c => c.Kind == "concepts", () =>
            {
                RuleFor(c => c.Mode).Must(m => m is null or "any" or "all").WithErrorCode("criterion.mode-unknown")
                    .WithMessage(c => $"Criterion '{c.Id}': 'mode: {c.Mode}' is not known; write 'any', 'all', or give 'atLeast: N'");
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
            When(c => c.Kind == "metric-pairing", () =>
            {
                RuleFor(c => c.Offline).NotEmpty().WithErrorCode("criterion.offline-missing")
                    .WithMessage(c => $"Criterion '{c.Id}' of kind metric-pairing needs 'offline:', synonym lists of offline metrics that fit the task");
                RuleFor(c => c.Online).NotEmpty().WithErrorCode("criterion.online-missing")
                    .WithMessage(c => $"Criterion '{c.Id}' of kind metric-pairing needs 'online:', synonym lists of online metrics");
            });
            When(c => c.Kind == "penalty", () =>
            {
                RuleFor(c => c).Must(c => c.Terms is { Count: > 0 } || !string.IsNullOrEmpty(c.Pattern)).WithErrorCode("criterion.penalty-empty")
                    .WithMessage(c => $"Criterion '{c.Id}' of kind penalty needs 'terms:' or 'pattern:' saying what is penalised");
            });
            When(c => c.Kind == "regex", () =>
            {
                RuleFor(c => c.Pattern).NotEmpty().WithErrorCode("criterion.pattern-missing")
                    .WithMessage(c => $"Criterion '{c.Id}' of kind regex needs 'pattern:'");
            });
            When(c => !string.IsNullOrEmpty(c.Pattern), () =>
            {
                RuleFor(c => c.Pattern).Must(p => RubricRegex.Check(p!) is null).WithErrorCode("criterion.pattern-invalid")
                    .WithMessage(c => $"Criterion '{c.Id}': pattern {RubricRegex.Check(c.Pattern!)}");
            });
            When(c => c.Kind == "analyzer", () =>
            {
                RuleFor(c => c.Rule).NotEmpty().WithErrorCode("criterion.rule-missing")
                    .WithMessage(c => $"Criterion '{c.Id}' of kind analyzer needs 'rule:', an MLSD rule id");
            });
        }
    }
}
