using Grader.Core.Configuration;
using Grader.Core.Rubrics;
using Grader.Tests.Support;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Grader.Tests.Rubrics;

/// <summary>
/// User rubrics and <c>.grader.yaml</c> are read through YamlDotNet's static context (no reflection, so the native
/// build can read them), built-in rubrics through code generated at build time. A DTO key either path missed would be
/// lost silently in the native build only, so both are held here to YamlDotNet's reflection reader, the reference, on
/// every built-in rubric and on documents that set every key the DTOs have.
/// </summary>
public class YamlReadingPathsTests
{
    private static readonly IDeserializer Reflection = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .WithDuplicateKeyChecking()
        .Build();

    public static TheoryData<string> Roots => [nameof(RubricDto), nameof(ConfigDto)];

    [Theory]
    [MemberData(nameof(Roots))]
    public void The_static_context_knows_every_key_of_every_DTO(string root)
    {
        var inspector = new YamlContext().GetTypeInspector();
        foreach (var type in DtoGraph.Types(Root(root)))
        {
            var keys = DtoGraph.Keys(type).Select(k => k.Property.Name).Order(StringComparer.Ordinal);
            var known = inspector.GetProperties(type, null).Select(p => p.Name).Order(StringComparer.Ordinal);
            Assert.True(keys.SequenceEqual(known), $"{type.Name}: the static context has [{string.Join(", ", known)}], the DTO [{string.Join(", ", keys)}]");
        }
    }

    [Fact]
    public void Every_built_in_rubric_reads_the_same_through_the_static_context_as_through_reflection()
    {
        foreach (var file in Directory.GetFiles(Path.Combine(TestGrader.RepoRoot, "rubrics"), "*.yaml").Order(StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            var (read, error) = RubricReader.Read(file, text);
            Assert.Null(error);
            var differences = DtoGraph.Differences(Reflection.Deserialize<RubricDto>(text), read, Path.GetFileName(file), marks: false);
            Assert.True(differences.Count == 0, string.Join("\n", differences.Take(20)));
        }
    }

    [Fact]
    public void A_rubric_setting_every_key_reads_the_same_through_the_static_context_as_through_reflection()
    {
        var yaml = DtoGraph.EveryKey(typeof(RubricDto));
        var (read, error) = RubricReader.Read("every-key.yaml", yaml);
        Assert.True(error is null, $"{error}\n{yaml}");
        Assert.Empty(DtoGraph.Unset(read!, "rubric"));
        var differences = DtoGraph.Differences(Reflection.Deserialize<RubricDto>(yaml), read, "rubric", marks: false);
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Fact]
    public void A_config_setting_every_key_reads_the_same_through_the_static_context_as_through_reflection()
    {
        var yaml = DtoGraph.EveryKey(typeof(ConfigDto));
        var (read, error) = LocatedYaml.Read<ConfigDto>(".grader.yaml", yaml, "config");
        Assert.True(error is null, $"{error}\n{yaml}");
        Assert.Empty(DtoGraph.Unset(read!, "config"));
        var differences = DtoGraph.Differences(Reflection.Deserialize<ConfigDto>(yaml), read, "config", marks: false);
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    private static Type Root(string name) => name == nameof(RubricDto) ? typeof(RubricDto) : typeof(ConfigDto);
}
