using System.Collections.Immutable;
using Grader.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Grader.Tests.Rubrics;

/// <summary>
/// A built-in rubric the build-time compiler cannot read as Grader's YAML reader would fails the build, with the
/// error at the YAML line: run here through Roslyn's generator driver on a small host like Grader.Core's.
/// </summary>
public class RubricCompilerTests
{
    private const string Host = """
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using YamlDotNet.Core;
        using YamlDotNet.Serialization;

        namespace Grader.Core.Rubrics;

        internal sealed class ThingDto
        {
            public string? Id { get; set; }
            public double? Points { get; set; }
            public int? AtLeast { get; set; }
            public bool? Table { get; set; }
            public List<List<string>>? Concepts { get; set; }
            public Dictionary<string, PartDto>? Parts { get; set; }
            [YamlIgnore] public Mark Start { get; set; }
            [YamlIgnore] public string File { get; set; } = "";
        }

        internal sealed class PartDto
        {
            public string? Title { get; set; }
            [YamlIgnore] public Mark Start { get; set; }
        }

        internal sealed record BuiltInRubric(string File, string Sha256, Func<ThingDto> Read);

        internal static partial class BuiltInRubrics
        {
            internal static partial ImmutableArray<BuiltInRubric> All();
        }
        """;

    [Fact]
    public void A_valid_file_compiles_to_code_that_builds_its_objects()
    {
        var (diagnostics, compilation) = Run("""
            id: demo
            points: 2.5
            atLeast: 3
            table: true
            concepts:
              - [a, "b + c"]
              - [d]
            parts:
              data: {title: Data}
            """);
        Assert.Empty(diagnostics);
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var generated = string.Concat(compilation.SyntaxTrees.Select(t => t.ToString()));
        Assert.Contains("Id = \"demo\"", generated, StringComparison.Ordinal);
        Assert.Contains("Points = 2.5d", generated, StringComparison.Ordinal);
        Assert.Contains("[\"data\"] = new global::Grader.Core.Rubrics.PartDto", generated, StringComparison.Ordinal);
        Assert.Contains("Start = new global::YamlDotNet.Core.Mark(", generated, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rubric_setting_every_key_compiles_to_the_objects_the_static_reader_makes_of_it()
    {
        // Grader's own DTOs this time: the host is compiled as Grader.Tests, which Grader.Core lets see its internals.
        const string host = """
            namespace Grader.Core.Rubrics;

            internal static partial class BuiltInRubrics
            {
                internal static partial System.Collections.Immutable.ImmutableArray<BuiltInRubric> All();
            }
            """;
        var yaml = Support.DtoGraph.EveryKey(typeof(Grader.Core.Rubrics.RubricDto));
        var (diagnostics, compilation) = Run(yaml, host, "Grader.Tests", typeof(Grader.Core.Rubrics.RubricDto).Assembly.Location);
        Assert.Empty(diagnostics);
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));

        var context = new System.Runtime.Loader.AssemblyLoadContext("generated-rubrics", isCollectible: true);
        try
        {
            image.Position = 0;
            var all = context.LoadFromStream(image).GetType("Grader.Core.Rubrics.BuiltInRubrics")!
                .GetMethod("All", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic)!.Invoke(null, null)!;
            var compiled = Assert.Single((ImmutableArray<Grader.Core.Rubrics.BuiltInRubric>)all).Read();
            var (read, error) = Grader.Core.Rubrics.RubricReader.Read("rubrics/demo.yaml", yaml);
            Assert.Null(error);
            Assert.Empty(Support.DtoGraph.Unset(compiled, "rubric"));
            var differences = Support.DtoGraph.Differences(read, Grader.Core.Rubrics.RubricReader.Stamp(compiled, "rubrics/demo.yaml"), "rubric");
            Assert.True(differences.Count == 0, string.Join("\n", differences));
        }
        finally
        {
            context.Unload();
        }
    }

    [Theory]
    [InlineData("id: demo\nnmae: x\n", 2, 1, "Property 'nmae' not found")]
    [InlineData("id: demo\npoints: lots\n", 2, 9, "Expected a plain number")]
    [InlineData("id: demo\natLeast: 2.5\n", 2, 10, "Expected a plain whole number")]
    [InlineData("id: demo\ntable: yes\n", 2, 8, "Expected true or false")]
    [InlineData("id: demo\nconcepts: a\n", 2, 11, "Expected a list")]
    [InlineData("id: &x demo\nparts: {a: {title: *x}}\n", 2, 20, "aliases")]
    [InlineData("id: demo\nid: again\n", 2, 1, "Not valid YAML")]
    [InlineData("id: [demo\n", 1, 5, "Not valid YAML")]
    public void A_file_the_reader_would_refuse_fails_the_build_at_its_line(string yaml, int line, int column, string message)
    {
        var (diagnostics, _) = Run(yaml);
        var error = Assert.Single(diagnostics);
        Assert.Equal("GRADERGEN001", error.Id);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains(message, error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var span = error.Location.GetLineSpan();
        Assert.EndsWith("demo.yaml", span.Path, StringComparison.Ordinal);
        if (message != "Not valid YAML")
        {
            Assert.Equal((line, column), (span.StartLinePosition.Line + 1, span.StartLinePosition.Character + 1));
        }
    }

    private static (ImmutableArray<Diagnostic> Diagnostics, Compilation Output) Run(string yaml, string host = Host, string assembly = "Host", params string[] references)
    {
        var all = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(YamlDotNet.Core.Mark).Assembly.Location)
            .Concat(references)
            .Distinct()
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(assembly, [CSharpSyntaxTree.ParseText(host, new CSharpParseOptions(LanguageVersion.Preview))], all,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var file = new InMemoryText("/rubrics/demo.yaml", yaml);
        var driver = CSharpGeneratorDriver.Create([new BuiltInRubricsGenerator().AsSourceGenerator()], [file],
            new CSharpParseOptions(LanguageVersion.Preview), new Options(file.Path, "rubrics/demo.yaml"));
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        return (diagnostics, output);
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class Options(string path, string name) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values([]);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GlobalOptions;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            textFile.Path == path ? new Values(new() { ["build_metadata.AdditionalFiles.GraderRubric"] = name }) : GlobalOptions;
    }

    private sealed class Values(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
