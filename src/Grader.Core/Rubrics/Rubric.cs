using System.Collections.Immutable;
using Grader.Core.Mapping;

namespace Grader.Core.Rubrics;

/// <summary>A rubric after inheritance: the seven steps with weights and heading synonyms, bands, and criteria.</summary>
public sealed record Rubric(
    string Id,
    string Title,
    int Version,
    string? Prompt,
    ImmutableArray<StepDefinition> Steps,
    ImmutableArray<Band> Bands,
    ImmutableArray<Criterion> Criteria,
    ImmutableArray<string> IgnoredHeadings)
{
    public StepDefinition Step(FrameworkStep step) => Steps[(int)step];

    public double MaxScore => Steps.Sum(s => s.Weight);

    public string BandFor(double score) =>
        Bands.OrderByDescending(b => b.Min).FirstOrDefault(b => score >= b.Min)?.Name ?? Bands[^1].Name;
}

public sealed record StepDefinition(FrameworkStep Step, string Title, double Weight, ImmutableArray<string> Headings, ImmutableArray<string> Cues);

public sealed record Band(string Name, double Min);
