using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Grader.Core.Mapping;
using Grader.Core.Text;

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
/// own step); <see cref="ExplainedBy"/> names an analyzer whose finding already explains a loss here.
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

/// <summary>Named ideas, each a group of synonyms; credit for at least <see cref="AtLeast"/> of them, in prose.</summary>
public sealed record ConceptsCriterion(
    string Id, FrameworkStep Step, double Points, string Message, string? Help, StepSet Scope, string? ExplainedBy, PartialCredit Partial,
    ImmutableArray<Concept> Concepts,
    int AtLeast)
    : Criterion(Id, Step, Points, Message, Help, Scope, ExplainedBy, Partial);

public sealed record Concept(string Name, ImmutableArray<string> Terms);

/// <summary>Numbers with units of the given kinds; credit for at least <see cref="AtLeast"/> distinct kinds.</summary>
public sealed record QuantitiesCriterion(
    string Id, FrameworkStep Step, double Points, string Message, string? Help, StepSet Scope, string? ExplainedBy, PartialCredit Partial,
    ImmutableArray<QuantityKind> Kinds,
    int AtLeast)
    : Criterion(Id, Step, Points, Message, Help, Scope, ExplainedBy, Partial);

/// <summary>Minimum prose in scope: words, sentences and (optionally) list items, equal shares of the credit.</summary>
public sealed record SubstanceCriterion(
    string Id, FrameworkStep Step, double Points, string Message, string? Help, StepSet Scope, string? ExplainedBy, PartialCredit Partial,
    int MinWords,
    int MinSentences,
    int MinListItems)
    : Criterion(Id, Step, Points, Message, Help, Scope, ExplainedBy, Partial);

/// <summary>Full credit unless the named analyzer reported a finding.</summary>
public sealed record AnalyzerCriterion(
    string Id, FrameworkStep Step, double Points, string Message, string? Help, StepSet Scope, string? ExplainedBy, PartialCredit Partial,
    string Rule)
    : Criterion(Id, Step, Points, Message, Help, Scope, ExplainedBy, Partial);

/// <summary>A diagram (Mermaid, ASCII art or an image), or with <see cref="AllowTable"/> a table, in scope.</summary>
public sealed record DiagramCriterion(
    string Id, FrameworkStep Step, double Points, string Message, string? Help, StepSet Scope, string? ExplainedBy, PartialCredit Partial,
    bool AllowTable)
    : Criterion(Id, Step, Points, Message, Help, Scope, ExplainedBy, Partial);

/// <summary>Half the credit for an offline metric of the right family for the framing, half for an online one.</summary>
public sealed record MetricPairingCriterion(
    string Id, FrameworkStep Step, double Points, string Message, string? Help, StepSet Scope, string? ExplainedBy, PartialCredit Partial,
    ImmutableArray<Concept> Offline,
    ImmutableArray<Concept> Online)
    : Criterion(Id, Step, Points, Message, Help, Scope, ExplainedBy, Partial);

/// <summary>Steps in framework order: credit falls with each pair of headed steps out of order.</summary>
public sealed record OrderCriterion(
    string Id, FrameworkStep Step, double Points, string Message, string? Help, StepSet Scope, string? ExplainedBy, PartialCredit Partial)
    : Criterion(Id, Step, Points, Message, Help, Scope, ExplainedBy, Partial);

/// <summary>
/// A penalised pattern: when its terms or regular expression appear in prose in scope, the step loses
/// <see cref="Criterion.Points"/> (scaled like any other criterion). It adds nothing to the points available.
/// </summary>
public sealed record PenaltyCriterion(
    string Id, FrameworkStep Step, double Points, string Message, string? Help, StepSet Scope, string? ExplainedBy, PartialCredit Partial,
    ImmutableArray<string> Terms,
    Regex? Pattern)
    : Criterion(Id, Step, Points, Message, Help, Scope, ExplainedBy, Partial);

/// <summary>Matches of a regular expression in prose in scope; credit for at least <see cref="AtLeast"/>.</summary>
public sealed record RegexCriterion(
    string Id, FrameworkStep Step, double Points, string Message, string? Help, StepSet Scope, string? ExplainedBy, PartialCredit Partial,
    Regex Pattern,
    int AtLeast)
    : Criterion(Id, Step, Points, Message, Help, Scope, ExplainedBy, Partial);
