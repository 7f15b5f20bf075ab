using System.Collections.Immutable;

namespace Grader.Core.Mapping;

/// <summary>Which framework steps each section and text unit belongs to, what each step covers, and why.</summary>
/// <remarks>
/// <see cref="UnitConfidence"/> is how surely each unit's step was decided (1 under a heading that names it; less for
/// text placed by its content). <see cref="HeadingSteps"/> is what each section's heading (its own, or its parent's) names, before content is
/// weighed: the writer's own claim, against which the coherence of its terms is judged.
/// </remarks>
public sealed record StepMap(
    ImmutableArray<StepSet> SectionSteps,
    ImmutableArray<StepSet> HeadingSteps,
    ImmutableArray<bool> IgnoredSections,
    ImmutableArray<StepSet> UnitSteps,
    ImmutableArray<StepCoverage> Steps,
    ImmutableArray<MappedSegment> Segments,
    ImmutableArray<double> UnitConfidence)
{
    public StepCoverage this[FrameworkStep step] => Steps[(int)step];

    /// <summary>No mapping kept: what a result carries once reports no longer need its structure.</summary>
    public static StepMap Empty { get; } = new([], [], [], [], [.. FrameworkSteps.All.Select(s => new StepCoverage(s, null, [], 0, 0, []))], [], []);
}

/// <summary>How a segment's step was decided: its heading's wording, or its content.</summary>
public enum MappingSource
{
    Heading,
    Content,
}

/// <summary>
/// A stretch of the answer decided as one: a section, a top-level block of text under no informative heading, or
/// neighbours of those decided alike (<see cref="Section"/> is the first one's).
/// <see cref="Confidence"/> is the decoder's probability for the chosen steps against the alternatives.
/// </summary>
public sealed record MappedSegment(int Line, int EndLine, int Section, StepSet Steps, MappingSource Source, double Confidence, int Words);

/// <summary>
/// One step as found in the answer. <see cref="HeadingSection"/> is the first section whose own title names the
/// step; a step found only from content has none. <see cref="ProseWords"/> counts words in prose units only.
/// <see cref="Segments"/> indexes <see cref="StepMap.Segments"/>: where the step was found.
/// </summary>
public sealed record StepCoverage(
    FrameworkStep Step,
    int? HeadingSection,
    ImmutableArray<int> Units,
    int ProseWords,
    int ProseUnits,
    ImmutableArray<int> Segments)
{
    public bool IsPresent => HeadingSection is not null || ProseUnits > 0;
}
