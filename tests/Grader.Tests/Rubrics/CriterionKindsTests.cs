using System.Text.Json;
using Grader.Core.Rubrics;
using Grader.Core.Rubrics.Kinds;
using Grader.Tests.Support;

namespace Grader.Tests.Rubrics;

/// <summary>CriterionKinds.All is the one list of kinds: each record has one kind, each kind one schema rule, each key one DTO property.</summary>
public class CriterionKindsTests
{
    [Fact]
    public void Every_criterion_record_has_exactly_one_kind()
    {
        var records = typeof(Criterion).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Criterion)) && !t.IsAbstract).OrderBy(t => t.Name);
        Assert.Equal(records, CriterionKinds.All.Select(k => k.CriterionType).OrderBy(t => t.Name));
        Assert.Equal(CriterionKinds.All.Count, CriterionKinds.All.Select(k => k.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Every_kind_has_one_rule_in_the_schema()
    {
        var schema = JsonDocument.Parse(TestGrader.ReadRepoFile("rubrics/rubric.schema.json")).RootElement;
        var kinds = schema.GetProperty("$defs").GetProperty("criterion").GetProperty("allOf").EnumerateArray()
            .Select(r => r.GetProperty("if").GetProperty("properties").GetProperty("kind").GetProperty("const").GetString());
        Assert.Equal(CriterionKinds.All.Select(k => k.Name), kinds);
    }

    [Fact]
    public void Every_kind_has_a_test_class_that_grades_against_it()
    {
        var classes = typeof(CriterionKindsTests).Assembly.GetTypes().Where(t => t.Namespace == "Grader.Tests.Rubrics.Kinds").Select(t => t.Name).ToHashSet();
        foreach (var kind in CriterionKinds.All)
        {
            var name = string.Concat(kind.Name.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..])) + "KindTests";
            Assert.True(classes.Contains(name), $"kind '{kind.Name}' has no {name} in tests/Grader.Tests/Rubrics/Kinds");
        }
    }

    [Fact]
    public void Every_kind_key_reads_the_dto_property_of_its_name()
    {
        var properties = typeof(CriterionDto).GetProperties().ToDictionary(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..], StringComparer.Ordinal);
        foreach (var key in CriterionKinds.AllKeys)
        {
            var dto = new CriterionDto();
            var property = properties[key.Name];
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            property.SetValue(dto, type == typeof(string) ? "x" : Activator.CreateInstance(type));
            Assert.All(CriterionKinds.AllKeys, k => Assert.Equal(k.Name == key.Name, k.Value(dto) is not null));
        }
    }
}
