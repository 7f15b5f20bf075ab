using System.Collections.Immutable;

namespace Grader.Core.Mapping;

/// <summary>Which framework steps each section and text unit belongs to, and what each step covers.</summary>
public sealed record StepMap(
    ImmutableArray<StepSet> SectionSteps,
    ImmutableArray<bool> IgnoredSections,
    ImmutableArray<StepSet> UnitSteps,
    ImmutableArray<StepCoverage> Steps)
{
    public StepCoverage this[FrameworkStep step] => Steps[(int)step];

    /// <summary>No mapping kept: what a result carries once reports no longer need its structure.</summary>
    public static StepMap Empty { get; } = new([], [], [], [.. FrameworkSteps.All.Select(s => new StepCoverage(s, null, [], 0, 0))]);
}

/// <summary>
/// One step as found in the answer. <see cref="HeadingSection"/> is the first section whose own title names the
/// step; a step found only from content has none. <see cref="ProseWords"/> counts words in prose units only.
/// </summary>
public sealed record StepCoverage(
    FrameworkStep Step,
    int? HeadingSection,
    ImmutableArray<int> Units,
    int ProseWords,
    int ProseUnits)
{
    public bool IsPresent => HeadingSection is not null || ProseUnits > 0;
}
