using System.Collections.Immutable;
using Grader.Core.Mapping;

namespace Grader.Core.Rubrics;

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
    string? ExplainedBy);

/// <summary>Named ideas, each a group of synonyms; credit for at least <see cref="AtLeast"/> of them, in prose.</summary>
public sealed record ConceptsCriterion(
    string Id, FrameworkStep Step, double Points, string Message, string? Help, StepSet Scope, string? ExplainedBy,
    ImmutableArray<Concept> Concepts,
    int AtLeast)
    : Criterion(Id, Step, Points, Message, Help, Scope, ExplainedBy);

public sealed record Concept(string Name, ImmutableArray<string> Terms);

/// <summary>Numbers with units of the given kinds; credit for at least <see cref="AtLeast"/> distinct kinds.</summary>
public sealed record QuantitiesCriterion(
    string Id, FrameworkStep Step, double Points, string Message, string? Help, StepSet Scope, string? ExplainedBy,
    ImmutableArray<Grader.Core.Text.QuantityKind> Kinds,
    int AtLeast)
    : Criterion(Id, Step, Points, Message, Help, Scope, ExplainedBy);

/// <summary>Minimum amount of prose in the step: words and sentences, each half of the credit.</summary>
public sealed record SubstanceCriterion(
    string Id, FrameworkStep Step, double Points, string Message, string? Help, StepSet Scope, string? ExplainedBy,
    int MinWords,
    int MinSentences)
    : Criterion(Id, Step, Points, Message, Help, Scope, ExplainedBy);

/// <summary>Full credit unless the named analyzer reported a finding.</summary>
public sealed record AnalyzerCriterion(
    string Id, FrameworkStep Step, double Points, string Message, string? Help, StepSet Scope, string? ExplainedBy,
    string Rule)
    : Criterion(Id, Step, Points, Message, Help, Scope, ExplainedBy);

/// <summary>A diagram (Mermaid, ASCII art or an image) somewhere in scope.</summary>
public sealed record DiagramCriterion(
    string Id, FrameworkStep Step, double Points, string Message, string? Help, StepSet Scope, string? ExplainedBy)
    : Criterion(Id, Step, Points, Message, Help, Scope, ExplainedBy);
