using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Grader.Core.Rubrics.Kinds;

// One criterion as YAML gives it. The keys every kind has, and those several kinds share, are here; a key only one
// kind reads is declared in that kind's file, so a new kind adds its keys without touching this one.
internal sealed partial class CriterionDto : ILocated
{
    public string? Id { get; set; }
    public string? Step { get; set; }
    public string? Kind { get; set; }
    public double? Points { get; set; }
    public string? Message { get; set; }
    public string? Help { get; set; }
    public string? Guidance { get; set; }
    public List<string>? In { get; set; }
    public string? Rule { get; set; }
    public string? Partial { get; set; }

    // Shared by kinds: concepts, quantities and regex count up to atLeast; penalty and regex match a pattern.
    public int? AtLeast { get; set; }
    public string? Pattern { get; set; }

    [YamlIgnore]
    public Mark Start { get; set; }

    [YamlIgnore]
    public string File { get; set; } = "";
}
