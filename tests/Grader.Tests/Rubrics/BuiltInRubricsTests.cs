using System.Security.Cryptography;
using System.Text;
using Grader.Core.Diagnostics;
using Grader.Core.Rubrics;
using Grader.Tests.Support;

namespace Grader.Tests.Rubrics;

/// <summary>
/// The built-in rubrics are compiled into code at build time (Grader.Generators); these tests hold that code to what
/// the runtime YAML reader makes of the same files, so the two readings can never drift apart.
/// </summary>
public class BuiltInRubricsTests
{
    [Fact]
    public void Every_rubric_file_is_compiled_in_file_name_order()
    {
        var files = Directory.GetFiles(Path.Combine(TestGrader.RepoRoot, "rubrics"), "*.yaml")
            .Select(f => $"rubrics/{Path.GetFileName(f)}").Order(StringComparer.Ordinal);
        Assert.Equal(files, BuiltInRubrics.All().Select(r => r.File));
    }

    [Fact]
    public void Each_compiled_rubric_is_what_the_yaml_reader_makes_of_its_file_marks_included()
    {
        foreach (var builtIn in BuiltInRubrics.All())
        {
            var text = TestGrader.ReadRepoFile(builtIn.File);
            var (read, error) = RubricReader.Read(builtIn.File, text);
            Assert.Null(error);
            var compiled = RubricReader.Stamp(builtIn.Read(), builtIn.File);
            var differences = DtoGraph.Differences(read, compiled, builtIn.File);
            Assert.True(differences.Count == 0, string.Join("\n", differences.Take(20)));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))), builtIn.Sha256);
        }
    }

    [Fact]
    public void The_catalog_from_compiled_rubrics_equals_the_one_read_from_yaml()
    {
        var (compiled, compiledErrors) = RubricCatalog.Load(DescriptorCatalog.Ids);
        var (read, readErrors) = RubricCatalog.Load(Grader.Cli.RubricsCommand.BuiltInSources(), DescriptorCatalog.Ids);
        Assert.Empty(compiledErrors);
        Assert.Empty(readErrors);
        Assert.Equal(read.Problems.Select(r => r.Id), compiled.Problems.Select(r => r.Id));
        foreach (var rubric in read.Problems.Append(read.Base))
        {
            Assert.True(compiled.TryGet(rubric.Id, out var other));
            Assert.Equal(Describe(rubric), Describe(other));
            Assert.Equal(read.FilesOf(rubric.Id).Select(f => (f.Path, f.Sha256)), compiled.FilesOf(rubric.Id).Select(f => (f.Path, f.Sha256)));
            Assert.All(compiled.FilesOf(rubric.Id), f => Assert.True(f.BuiltIn));
        }
    }

    // 'grader rubrics show' and 'explain' describe a rubric through these; equal here means equal output there.
    private static string Describe(Rubric rubric)
    {
        var text = new StringBuilder();
        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{rubric.Id}|{rubric.Title}|{rubric.Version}|{rubric.Prompt}|{string.Join(",", rubric.IgnoredHeadings)}");
        text.AppendLine(string.Join(";", rubric.Bands.Select(b => $"{b.Name}={b.Min}")));
        foreach (var step in rubric.Steps)
        {
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{step.Step}|{step.Title}|{step.Weight}|{string.Join(",", step.Headings)}|{string.Join(",", step.Cues)}");
        }

        foreach (var criterion in rubric.Criteria)
        {
            var kind = Grader.Core.Rubrics.Kinds.CriterionKinds.For(criterion);
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"{criterion}|{kind.Describe(criterion)}|{string.Join("/", kind.Explain(criterion))}|{kind.Outline(criterion)}|{criterion.Guidance}");
        }

        return text.ToString();
    }
}
