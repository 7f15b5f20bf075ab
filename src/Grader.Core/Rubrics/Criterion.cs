using System.Collections.Immutable;
using Grader.Core.Mapping;

namespace Grader.Core.Rubrics;

/// <summary>How a criterion's share found turns into points.</summary>
public enum PartialCredit
{
    /// <summary>Points in proportion to the share found.</summary>
    Proportional,

    /// <summary>All the points or none.</summary>
    AllOrNothing,
}

/// <summary>
/// One gradable point of a rubric. <see cref="Scope"/> is where evidence counts in full (by default the criterion's
/// own step); <see cref="ExplainedBy"/> names an analyzer whose finding already explains a loss here. Each kind's
/// record, and everything else about the kind, is in its file under Kinds/.
/// </summary>
public abstract record Criterion(
    string Id,
    FrameworkStep Step,
    double Points,
    string Message,
    string? Help,
    StepSet Scope,
    string? ExplainedBy,
    PartialCredit Partial)
{
    /// <summary>
    /// What an answer should cover, as the rubric words it for a writer (<c>guidance:</c>), where <see cref="Message"/>
    /// words the finding. Null when the rubric gives none; <c>CriterionKinds.Cover</c> then derives it from the kind's data.
    /// </summary>
    public string? Guidance { get; init; }
}

/// <summary>
/// A named idea: its synonym entries as written, split into <see cref="Phrases"/> (terms matched as word runs) and
/// <see cref="Descriptions"/> (everyday wording: word groups that must meet in one sentence).
/// </summary>
public sealed record Concept(string Name, ImmutableArray<string> Terms)
{
    // Parsed on first use: a catalog holds every problem's concepts, a run grades against one or two of them.
    private readonly Lazy<ImmutableArray<Text.Description>> _descriptions =
        new(() => [.. Terms.Where(Text.Description.IsDescription).Select(Text.Description.Parse)]);

    public ImmutableArray<string> Phrases { get; } = [.. Terms.Where(t => !Text.Description.IsDescription(t))];

    public ImmutableArray<Text.Description> Descriptions => _descriptions.Value;
}
