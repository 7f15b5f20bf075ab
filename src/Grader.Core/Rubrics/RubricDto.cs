using Grader.Core.Rubrics.Kinds;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Grader.Core.Rubrics;

/// <summary>Where a YAML object started, so validation errors can point at it.</summary>
internal interface ILocated
{
    Mark Start { get; set; }
}

// Mutable shapes YAML lands in; validated, then mapped to immutable records. Nothing downstream sees these.
// CriterionDto is in Kinds/: each kind declares the keys only it reads.
internal sealed class RubricDto : ILocated
{
    public string? Id { get; set; }
    public string? Title { get; set; }
    public string? Extends { get; set; }
    public int? Version { get; set; }
    public string? Prompt { get; set; }
    public List<BandDto>? Bands { get; set; }
    public List<string>? IgnoredHeadings { get; set; }
    public Dictionary<string, StepDto>? Steps { get; set; }
    public List<CriterionDto>? Criteria { get; set; }

    /// <summary>Ids of inherited criteria that do not apply to this problem (e.g. a time-split rule for image data).</summary>
    public List<string>? Omit { get; set; }

    [YamlIgnore]
    public Mark Start { get; set; }

    [YamlIgnore]
    public string File { get; set; } = "";
}

internal sealed class BandDto : ILocated
{
    public string? Name { get; set; }
    public double? Min { get; set; }

    [YamlIgnore]
    public Mark Start { get; set; }
}

internal sealed class StepDto : ILocated
{
    public string? Title { get; set; }
    public double? Weight { get; set; }
    public List<string>? Headings { get; set; }
    public List<string>? Cues { get; set; }

    [YamlIgnore]
    public Mark Start { get; set; }
}
