using Grader.Core.Rubrics;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Grader.Core.Configuration;

// The shape of .grader.yaml; validated, then folded into GraderConfig. Nothing downstream sees these.
internal sealed class ConfigDto : ILocated
{
    public bool? Root { get; set; }
    public double? FailUnder { get; set; }
    public List<string>? Rubrics { get; set; }
    public List<ProblemGlobDto>? Problems { get; set; }
    public Dictionary<string, string>? Rules { get; set; }
    public Dictionary<string, string>? Categories { get; set; }
    public bool? SuppressionsRestorePoints { get; set; }
    public LlmConfigDto? Llm { get; set; }

    [YamlIgnore]
    public Mark Start { get; set; }
}

// Never an API key here: keys come only from the environment.
internal sealed class LlmConfigDto : ILocated
{
    public bool? Enabled { get; set; }
    public string? Provider { get; set; }
    public string? Endpoint { get; set; }
    public string? Model { get; set; }
    public int? TimeoutSeconds { get; set; }

    [YamlIgnore]
    public Mark Start { get; set; }
}

internal sealed class ProblemGlobDto : ILocated
{
    public string? Files { get; set; }
    public string? Problem { get; set; }

    [YamlIgnore]
    public Mark Start { get; set; }
}
