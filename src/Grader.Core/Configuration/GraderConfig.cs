using System.Collections.Immutable;
using Grader.Core.Diagnostics;

namespace Grader.Core.Configuration;

/// <summary>The <c>llm:</c> section: advisory model feedback for the answers below (flags still win).</summary>
public sealed record LlmConfig(bool Enabled, string? Provider, string? Endpoint, string? Model, int? TimeoutSeconds);

/// <summary>
/// The settings in force for one answer, folded from every <c>.grader.yaml</c> above it (nearest wins).
/// A severity of null turns a rule off. <see cref="InlineSuppressions"/> false ignores grader-disable comments.
/// <see cref="CriteriaOff"/> are the rubric criteria turned off, each with the config file that did it: they count as
/// met, so their points are given back (only a trusted config can do this, see <see cref="TrustedKeys"/>).
/// </summary>
public sealed record GraderConfig(
    ImmutableSortedDictionary<string, Severity?> Rules,
    ImmutableSortedDictionary<string, Severity?> Categories,
    string? Problem,
    double? FailUnder,
    ImmutableArray<string> RubricFolders,
    bool SuppressionsRestorePoints,
    ImmutableArray<string> Files,
    LlmConfig? Llm = null,
    bool InlineSuppressions = true)
{
    public static GraderConfig Default { get; } = new(
        ImmutableSortedDictionary<string, Severity?>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase),
        ImmutableSortedDictionary<string, Severity?>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase),
        null, null, [], false, []);

    public ImmutableSortedDictionary<string, string> CriteriaOff { get; init; } =
        ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    /// <summary>True for a config file, never read as a rubric even in a rubric folder: any .grader.yaml, and these settings' own files.</summary>
    public bool IsConfigFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetFileName(path) == ConfigResolver.FileName || Files.Contains(Path.GetFullPath(path), StringComparer.Ordinal);
    }

    /// <summary>The severity a finding is reported at: the rule's setting, else its category's, else its own.</summary>
    public Severity? SeverityOf(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        if (Rules.TryGetValue(diagnostic.Id, out var rule))
        {
            return rule;
        }

        if (diagnostic.CriterionId is not null && Rules.TryGetValue(diagnostic.CriterionId, out var criterion))
        {
            return criterion;
        }

        return Categories.TryGetValue(diagnostic.Descriptor.Category, out var category) ? category : diagnostic.Severity;
    }
}
