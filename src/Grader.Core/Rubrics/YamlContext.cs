using Grader.Core.Configuration;
using Grader.Core.Rubrics.Kinds;
using YamlDotNet.Serialization;

namespace Grader.Core.Rubrics;

/// <summary>
/// The DTOs user rubrics and <c>.grader.yaml</c> are read into, described at compile time (YamlDotNet's static
/// generator) so reading them needs no reflection and works in the ahead-of-time compiled grader. Public only because
/// the generator writes it so.
/// </summary>
[YamlStaticContext]
[YamlSerializable(typeof(RubricDto))]
[YamlSerializable(typeof(BandDto))]
[YamlSerializable(typeof(StepDto))]
[YamlSerializable(typeof(CriterionDto))]
[YamlSerializable(typeof(ConfigDto))]
[YamlSerializable(typeof(LlmConfigDto))]
[YamlSerializable(typeof(ProblemGlobDto))]
public sealed partial class YamlContext : StaticContext;
