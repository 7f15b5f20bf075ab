using FluentValidation;

namespace Grader.Core.Configuration;

internal sealed class ConfigValidator : AbstractValidator<ConfigDto>
{
    public static readonly string[] Severities = ["none", "info", "warning", "error"];

    public ConfigValidator(IReadOnlySet<string> knownRules, IReadOnlySet<string> knownCategories)
    {
        RuleFor(c => c.FailUnder).InclusiveBetween(0, 100).When(c => c.FailUnder is not null).WithErrorCode("config.fail-under")
            .WithMessage("'failUnder' is a score from 0 to 100, e.g. 'failUnder: 60'");
        RuleForEach(c => c.Rules).Must(kv => Severities.Contains(kv.Value)).WithErrorCode("config.severity")
            .WithMessage((_, kv) => $"Rule {kv.Key}: severity '{kv.Value}' is not one of {string.Join(", ", Severities)}");
        RuleForEach(c => c.Rules).Must(kv => knownRules.Contains(kv.Key.ToUpperInvariant()) || kv.Key.Contains('.', StringComparison.Ordinal))
            .WithErrorCode("config.rule-unknown")
            .WithMessage((_, kv) => $"'{kv.Key}' is neither a rule id (MLSD0201) nor a rubric criterion id (news-feed.reactions); see 'grader explain'");
        RuleForEach(c => c.Categories).Must(kv => Severities.Contains(kv.Value)).WithErrorCode("config.severity")
            .WithMessage((_, kv) => $"Category {kv.Key}: severity '{kv.Value}' is not one of {string.Join(", ", Severities)}");
        RuleForEach(c => c.Categories).Must(kv => knownCategories.Contains(kv.Key)).WithErrorCode("config.category-unknown")
            .WithMessage((_, kv) => $"Unknown category '{kv.Key}'; categories are {string.Join(", ", knownCategories.Order(StringComparer.Ordinal))}");
        RuleFor(c => c.Llm!.Provider).Must(p => p is null or "openai" or "azure" or "ollama").When(c => c.Llm is not null)
            .WithErrorCode("config.llm-provider").WithMessage(c => $"llm.provider '{c.Llm!.Provider}' is not one of openai, azure, ollama");
        RuleFor(c => c.Llm!.Endpoint).Must(e => e is null || (Uri.TryCreate(e, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"))
            .When(c => c.Llm is not null).WithErrorCode("config.llm-endpoint").WithMessage("llm.endpoint must be an absolute http(s) URL");
        RuleForEach(c => c.Problems).Must(p => !string.IsNullOrWhiteSpace(p.Files) && !string.IsNullOrWhiteSpace(p.Problem))
            .WithErrorCode("config.problem-glob")
            .WithMessage("Each 'problems' entry needs 'files:' (a glob such as 'week3/**/*.md') and 'problem:' (a problem id)");
    }
}
