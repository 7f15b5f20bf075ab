using FluentValidation;

namespace Grader.Core.Configuration;

/// <summary>The YAML node a failure is about: the key at <see cref="Path"/>, or its value.</summary>
internal sealed record ConfigNode(string[] Path, bool AtKey = false)
{
    public (int Line, int Column) In(ConfigMarks marks) => AtKey ? marks.Key(Path) : marks.Value(Path);
}

/// <summary>
/// The shape of one config file on its own: severities, ranges, categories, providers. Each failure carries the
/// <see cref="ConfigNode"/> it is about as its state. Ids that depend on the rubrics in force are checked later
/// (<see cref="ConfigResolver.CheckIds"/>).
/// </summary>
internal sealed class ConfigValidator : AbstractValidator<ConfigDto>
{
    public static readonly string[] Severities = ["none", "info", "warning", "error"];

    public ConfigValidator(IReadOnlySet<string> knownCategories)
    {
        RuleFor(c => c.FailUnder).InclusiveBetween(0, 100).When(c => c.FailUnder is not null).WithErrorCode("config.fail-under")
            .WithMessage("'failUnder' is a score from 0 to 100, e.g. 'failUnder: 60'").WithState(_ => new ConfigNode(["failUnder"]));
        RuleForEach(c => c.Rules).Must(kv => Severities.Contains(kv.Value)).WithErrorCode("config.severity")
            .WithMessage((_, kv) => $"Rule {kv.Key}: severity '{kv.Value}' is not one of {string.Join(", ", Severities)}")
            .WithState((_, kv) => new ConfigNode(["rules", kv.Key]));
        RuleForEach(c => c.Categories).Must(kv => Severities.Contains(kv.Value)).WithErrorCode("config.severity")
            .WithMessage((_, kv) => $"Category {kv.Key}: severity '{kv.Value}' is not one of {string.Join(", ", Severities)}")
            .WithState((_, kv) => new ConfigNode(["categories", kv.Key]));
        RuleForEach(c => c.Categories).Must(kv => knownCategories.Contains(kv.Key)).WithErrorCode("config.category-unknown")
            .WithMessage((_, kv) => $"Unknown category '{kv.Key}'{Suggestion.DidYouMean(kv.Key, knownCategories)} Categories are {string.Join(", ", knownCategories.Order(StringComparer.Ordinal))}")
            .WithState((_, kv) => new ConfigNode(["categories", kv.Key], AtKey: true));
        RuleFor(c => c.Llm!.Provider).Must(p => p is null or "openai" or "azure" or "ollama").When(c => c.Llm is not null)
            .WithErrorCode("config.llm-provider").WithMessage(c => $"llm.provider '{c.Llm!.Provider}' is not one of openai, azure, ollama")
            .WithState(_ => new ConfigNode(["llm", "provider"]));
        RuleFor(c => c.Llm!.Endpoint).Must(e => e is null || (Uri.TryCreate(e, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"))
            .When(c => c.Llm is not null).WithErrorCode("config.llm-endpoint").WithMessage("llm.endpoint must be an absolute http(s) URL")
            .WithState(_ => new ConfigNode(["llm", "endpoint"]));
        RuleFor(c => c.Llm!.TimeoutSeconds).GreaterThan(0).When(c => c.Llm?.TimeoutSeconds is not null)
            .WithErrorCode("config.llm-timeout").WithMessage("llm.timeoutSeconds is a whole number of seconds, at least 1")
            .WithState(_ => new ConfigNode(["llm", "timeoutSeconds"]));
        RuleForEach(c => c.Rubrics).Must(r => !string.IsNullOrWhiteSpace(r)).WithErrorCode("config.rubrics-missing")
            .WithMessage("A 'rubrics' entry is empty; name a folder of rubric files")
            .WithState((c, r) => new ConfigNode(["rubrics", Index(c.Rubrics!, r)]));
        RuleForEach(c => c.Problems).Must(p => !string.IsNullOrWhiteSpace(p.Files) && !string.IsNullOrWhiteSpace(p.Problem))
            .WithErrorCode("config.problem-glob")
            .WithMessage("Each 'problems' entry needs 'files:' (a glob such as 'week3/**/*.md') and 'problem:' (a problem id)")
            .WithState((c, p) => new ConfigNode(["problems", Index(c.Problems!, p)], AtKey: true));
    }

    private static string Index<T>(List<T> items, T item) =>
        items.IndexOf(item).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
