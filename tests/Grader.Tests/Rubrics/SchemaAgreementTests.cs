using System.Text.Json;
using Grader.Core.Mapping;
using Grader.Core.Rubrics;
using Grader.Core.Rubrics.Kinds;
using Grader.Core.Text;
using Grader.Tests.Support;

namespace Grader.Tests.Rubrics;

/// <summary>rubrics/rubric.schema.json (for editors) and the validators (for Grader) must accept the same format.</summary>
public class SchemaAgreementTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(TestGrader.ReadRepoFile("rubrics/rubric.schema.json")).RootElement;

    private static JsonElement Def(string name) => Schema.GetProperty("$defs").GetProperty(name);

    private static string[] Names(JsonElement properties) => [.. properties.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];

    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static string[] DtoKeys<T>() => [.. typeof(T).GetProperties()
        .Where(p => p.GetCustomAttributes(typeof(YamlDotNet.Serialization.YamlIgnoreAttribute), false).Length == 0)
        .Select(p => CamelCase(p.Name)).Order(StringComparer.Ordinal)];

    [Fact]
    public void Top_level_keys_agree() => Assert.Equal(DtoKeys<RubricDto>(), Names(Schema.GetProperty("properties")));

    [Fact]
    public void Criterion_keys_agree() => Assert.Equal(DtoKeys<CriterionDto>(), Names(Def("criterion").GetProperty("properties")));

    [Fact]
    public void Step_keys_and_step_ids_agree()
    {
        Assert.Equal(DtoKeys<StepDto>(), Names(Def("step").GetProperty("properties")));
        Assert.Equal(FrameworkSteps.All.Select(s => s.ToId()), Def("stepId").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Kinds_and_their_keys_agree()
    {
        var criterion = Def("criterion");
        Assert.Equal(CriterionKinds.All.Select(k => k.Name), criterion.GetProperty("properties").GetProperty("kind").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        string[] common = ["help", "id", "in", "kind", "message", "partial", "points", "rule", "step"];
        foreach (var rule in criterion.GetProperty("allOf").EnumerateArray())
        {
            var kind = rule.GetProperty("if").GetProperty("properties").GetProperty("kind").GetProperty("const").GetString()!;
            var allowed = rule.GetProperty("then").GetProperty("propertyNames").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!);
            // 'guidance' says what to cover; a kind that only deducts has nothing to cover.
            var found = CriterionKinds.Find(kind)!;
            Assert.Equal(common.Concat(found.Keys).Concat(found.Deducts ? [] : ["guidance"]).Order(StringComparer.Ordinal), allowed.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Quantity_kinds_agree()
    {
        var names = Def("criterion").GetProperty("properties").GetProperty("quantities").GetProperty("items").GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString());
        Assert.Equal(Enum.GetNames<QuantityKind>().Select(n => n.ToLowerInvariant()), names);
    }
}
