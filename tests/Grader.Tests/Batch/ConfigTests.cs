using System.Text.Json;
using Grader.Core.Configuration;
using Grader.Core.Diagnostics;
using Grader.Tests.Support;

namespace Grader.Tests.Batch;

public class ConfigTests
{
    private const string Answer = "## Requirements\n\nThe system must be fast and serve many people around the world, we think.\n";

    [Fact]
    public void A_rule_setting_beats_its_category_and_the_nearer_file_beats_the_farther()
    {
        using var tree = new TempFolder();
        tree.Write(".grader.yaml", "rules:\n  MLSD0201: error\n  MLSD0101: none\ncategories:\n  structure: info\n");
        tree.Write("week3/.grader.yaml", "rules:\n  MLSD0201: info\n");
        var top = tree.Write("a.md", Answer);
        var nested = tree.Write("week3/b.md", Answer);
        var resolver = new ConfigResolver();

        var (topConfig, _) = resolver.Resolve(top);
        var graded = TestGrader.Engine.Grade(top, Answer, "video-recommendation", topConfig);
        Assert.Equal(Severity.Error, graded.Diagnostics.Single(d => d.Id == DiagnosticIds.NoQuantifiedRequirements).Severity);
        Assert.DoesNotContain(graded.Diagnostics, d => d.Id == DiagnosticIds.StepMissing);
        Assert.All(graded.Diagnostics.Where(d => d.Descriptor.Category == Categories.Structure), d => Assert.Equal(Severity.Info, d.Severity));

        var (nestedConfig, _) = resolver.Resolve(nested);
        var nestedGraded = TestGrader.Engine.Grade(nested, Answer, "video-recommendation", nestedConfig);
        Assert.Equal(Severity.Info, nestedGraded.Diagnostics.Single(d => d.Id == DiagnosticIds.NoQuantifiedRequirements).Severity);
        Assert.Equal(2, nestedConfig.Files.Length);
    }

    [Fact]
    public void Root_true_in_a_discovered_file_is_ignored_and_the_search_stops_at_the_repository_root()
    {
        using var tree = new TempFolder();
        tree.Write("outside/.grader.yaml", "failUnder: 95\n");
        Directory.CreateDirectory(Path.Combine(tree.Root, "outside/repo/.git"));
        tree.Write("outside/repo/.grader.yaml", "failUnder: 90\n");
        tree.Write("outside/repo/group/.grader.yaml", "root: true\n");
        var resolver = new ConfigResolver();
        var (config, errors) = resolver.Resolve(tree.Write("outside/repo/group/a.md", Answer));
        Assert.Empty(errors);
        Assert.Equal(90, config.FailUnder);
        var notice = Assert.Single(resolver.Notices);
        Assert.Equal(("config.trusted-only", 1, 1), (notice.Code, notice.Line, notice.Column));
        Assert.EndsWith(Path.Combine("group", ".grader.yaml"), notice.File, StringComparison.Ordinal);
    }

    [Fact]
    public void Problems_by_glob_come_after_the_flag_and_front_matter()
    {
        using var tree = new TempFolder();
        tree.Write(".grader.yaml", "problems:\n  - files: \"week3/**/*.md\"\n    problem: news-feed\n");
        var path = tree.Write("week3/alice/answer.md", Answer);
        var (config, _) = new ConfigResolver().Resolve(path);
        Assert.Equal(("news-feed", "config"), Resolve(path, Answer, null, config));
        Assert.Equal(("fraud-detection", "front-matter"), Resolve(path, "---\nproblem: fraud-detection\n---\n" + Answer, null, config));
        Assert.Equal(("spam-detection", "flag"), Resolve(path, Answer, "spam-detection", config));
        var (other, _) = new ConfigResolver().Resolve(tree.Write("week4/answer.md", Answer));
        Assert.Null(other.Problem);
    }

    private static (string, string) Resolve(string path, string text, string? flag, GraderConfig config)
    {
        var graded = TestGrader.Engine.Grade(path, text, flag, config);
        return (graded.Problem.Id, graded.Problem.Source);
    }

    [Fact]
    public void Fail_under_from_config_fails_the_run_and_the_flag_overrides_it()
    {
        using var tree = new TempFolder();
        tree.Write(".grader.yaml", "failUnder: 99\n");
        var path = tree.Copy("examples/video-recommendation/partial.md", "partial.md");
        Assert.Equal(1, TestGrader.RunCli("check", path).Exit);
        Assert.Equal(0, TestGrader.RunCli("check", path, "--fail-under", "10").Exit);
    }

    [Theory]
    [InlineData("rules:\n  MLSD0201: loud\n", "config.severity", 2)]
    [InlineData("rules:\n  MLSD9999: error\n", "config.rule-unknown", 2)]
    [InlineData("failUnder: 150\n", "config.fail-under", 1)]
    [InlineData("colour: red\n", "config.unknown-key", 1)]
    [InlineData("problems:\n  - files: \"*.md\"\n", "config.problem-glob", 2)]
    [InlineData("rules: [unclosed\n", "config.yaml-syntax", 1)]
    [InlineData("failUnder: 50\nrules: !!a%6cb[c d\n", "config.yaml-syntax", 2)] // YamlDotNet threw ArgumentException (fuzzing)
    public void An_invalid_config_stops_the_run_with_a_located_error(string yaml, string code, int line)
    {
        using var tree = new TempFolder();
        tree.Write(".grader.yaml", yaml);
        var answer = tree.Write("a.md", Answer);
        var (exit, _, error) = TestGrader.RunCli("check", answer);
        Assert.Equal(2, exit);
        Assert.Contains($".grader.yaml({line},", error, StringComparison.Ordinal);
        Assert.Contains($"error {code}:", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_groups_own_rubrics_are_found_through_the_config()
    {
        using var tree = new TempFolder();
        tree.Write("grader.yaml", "rubrics: [group-rubrics]\n");
        tree.Write("group-rubrics/capacity-planning.yaml", """
            id: capacity-planning
            extends: base
            title: Capacity planning for GPU clusters
            criteria:
              - id: capacity-planning.gpus
                step: serving
                kind: concepts
                points: 3
                concepts:
                  - [gpu hours, gpu-hours]
                  - [utilisation, utilization]
                atLeast: 2
                message: Say how many GPU hours the plan needs and at what utilisation.
            """);
        var answer = tree.Write("a.md", "---\nproblem: capacity-planning\n---\n" + Answer);
        // Extra rubrics are trusted-only: they come from the file given to --config (paths from the working directory).
        var (exit, output, _) = TestGrader.RunCliIn(tree.Root, "check", answer, "--format", "json", "--config", "grader.yaml");
        Assert.Equal(0, exit);
        Assert.Contains("\"id\": \"capacity-planning\"", output, StringComparison.Ordinal);
        Assert.Contains("capacity-planning.gpus", output, StringComparison.Ordinal);

        tree.Write("group-rubrics/broken.yaml", "id: broken\ntitle: Broken\nextends: base\ncolour: red\n");
        var (brokenExit, _, error) = TestGrader.RunCliIn(tree.Root, "check", answer, "--config", "grader.yaml");
        Assert.Equal(2, brokenExit);
        Assert.Contains("broken.yaml(4,1): error rubric.unknown-key", error.Replace('\\', '/'), StringComparison.Ordinal);
    }

    [Fact]
    public void The_config_schema_lists_exactly_the_keys_the_reader_accepts()
    {
        using var schema = JsonDocument.Parse(TestGrader.ReadRepoFile("docs/schemas/grader-config.schema.json"));
        var keys = schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        var dto = typeof(ConfigDto).GetProperties()
            .Where(p => p.GetCustomAttributes(typeof(YamlDotNet.Serialization.YamlIgnoreAttribute), false).Length == 0)
            .Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]).Order(StringComparer.Ordinal);
        Assert.Equal(dto, keys);
        var categories = schema.RootElement.GetProperty("properties").GetProperty("categories").GetProperty("propertyNames").GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(typeof(Categories).GetFields().Select(f => (string)f.GetValue(null)!).Order(StringComparer.Ordinal), categories);
    }
}
