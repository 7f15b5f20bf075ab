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
    PartialCredit Partial);

public sealed record Concept(string Name, ImmutableArray<string> Terms);
