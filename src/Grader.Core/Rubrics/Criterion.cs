using System.Collections.Immutable;
using System.Runtime.InteropServices;
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
    // Parsed on first use: a catalog holds every problem's concepts, a run grades against one or two of them. Two
    // threads may both parse; either result is the same.
    private Text.Description[]? _descriptions;

    public ImmutableArray<string> Phrases { get; } = PhrasesOf(Terms);

    public ImmutableArray<Text.Description> Descriptions =>
        ImmutableCollectionsMarshal.AsImmutableArray(_descriptions ??= [.. Terms.Where(Text.Description.IsDescription).Select(Text.Description.Parse)]);

    // Most concepts have no description: their terms are their phrases, shared rather than copied (every concept of
    // every rubric is built at start-up).
    private static ImmutableArray<string> PhrasesOf(ImmutableArray<string> terms)
    {
        foreach (var term in terms)
        {
            if (Text.Description.IsDescription(term))
            {
                return [.. terms.Where(t => !Text.Description.IsDescription(t))];
            }
        }

        return terms;
    }
}
