using System.Text.Json;
using System.Text.Json.Nodes;
using Grader.Tests.Llm;
using Grader.Tests.Support;
using Json.Schema;

namespace Grader.Tests.Reporting;

/// <summary>
/// docs/schemas/report.schema.json describes exactly what Grader writes as JSON: every report the CLI produces for
/// real inputs validates (JsonSchema.Net, a full 2020-12 validator), and a report changed in any way the writer never
/// would does not.
/// </summary>
public sealed class ReportSchemaTests
{
    private const string SchemaPath = "docs/schemas/report.schema.json";

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(TestGrader.ReadRepoFile(SchemaPath)));

    private static readonly EvaluationOptions ListOutput = new() { OutputFormat = OutputFormat.List };

    /// <summary>The schema's complaints about <paramref name="json"/>, one line each; empty when it validates.</summary>
    private static List<string> Problems(string json)
    {
        using var document = JsonDocument.Parse(json);
        var result = Schema.Value.Evaluate(document.RootElement, ListOutput);
        return result.IsValid
            ? []
            : [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"))
                .Take(20)];
    }

    private static void Valid(string json)
    {
        var problems = Problems(json);
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    // One real report, graded once, that the mutation tests change.
    private static readonly Lazy<string> WeakReport = new(() => TestGrader.RunCli("check", "examples/news-feed/weak.md", "--format", "json").Out);

    private static JsonElement Root(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Fact]
    public void The_schema_is_valid_draft_2020_12_and_describes_every_property()
    {
        using var schema = JsonDocument.Parse(TestGrader.ReadRepoFile(SchemaPath));
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.RootElement.GetProperty("$schema").GetString());
        var meta = MetaSchemas.Draft202012.Evaluate(schema.RootElement, ListOutput);
        Assert.True(meta.IsValid, "the schema does not validate against the 2020-12 meta-schema");

        var undocumented = new List<string>();
        void Walk(JsonElement node, string path)
        {
            if (node.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in node.EnumerateArray())
                {
                    Walk(item, $"{path}/{i++}");
                }
            }

            if (node.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            foreach (var property in node.EnumerateObject())
            {
                if (property.Name == "properties")
                {
                    undocumented.AddRange(property.Value.EnumerateObject().Where(p => !p.Value.TryGetProperty("description", out _)).Select(p => $"{path}/properties/{p.Name}"));
                }

                Walk(property.Value, $"{path}/{property.Name}");
            }
        }

        Walk(schema.RootElement, "#");
        Assert.Empty(undocumented);
    }

    // The batch holds the report of every file in examples/, each checked where it stands in 'documents'.
    [Fact]
    public void Every_example_in_one_batch_with_an_unreadable_input_validates()
    {
        var examples = TestGrader.ExampleFiles().ToList();
        var (exit, output, _) = TestGrader.RunCli(["check", "examples", "examples/no-such-answer.md", "--format", "json"]);
        Assert.Equal(2, exit);
        var report = Root(output);
        Assert.Equal(examples, report.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("path").GetString()));
        Assert.Equal("examples/no-such-answer.md", Assert.Single(report.GetProperty("errors").EnumerateArray()).GetProperty("path").GetString());
        Valid(output);
    }

    [Fact]
    public void A_binary_input_alone_gives_a_report_with_no_documents_that_validates()
    {
        using var tree = new TempFolder();
        var png = Path.Combine(tree.Root, "image.md");
        File.WriteAllBytes(png, [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x1A, 0x0A]);
        var (exit, output, _) = TestGrader.RunCli("check", png, "--format", "json");
        Assert.Equal(2, exit);
        Assert.Empty(Root(output).GetProperty("documents").EnumerateArray());
        Valid(output);
    }

    [Fact]
    public void Suppressions_a_discovered_config_and_a_baseline_validate()
    {
        using var tree = new TempFolder();
        tree.Write(".git/HEAD", "ref: refs/heads/main\n");
        tree.Write(".grader.yaml", "failUnder: 10\nrubrics: [mine]\n");
        var answer = tree.Write("answer.md", TestGrader.ReadRepoFile("examples/news-feed/weak.md") + "\n<!-- grader-disable-file MLSD0208 -- monitoring is covered in the runbook -->\n");
        var (_, first, _) = TestGrader.RunCli("check", answer, "--format", "json");
        var report = Root(first);
        Assert.Contains(report.GetProperty("documents")[0].GetProperty("diagnostics").EnumerateArray(), d => d.TryGetProperty("suppression", out _));
        Assert.Equal(["rubrics"], report.GetProperty("provenance").GetProperty("configs")[0].GetProperty("ignoredKeys").EnumerateArray().Select(k => k.GetString()));
        Assert.NotEmpty(report.GetProperty("provenance").GetProperty("suppressions").EnumerateArray());
        Valid(first);

        // Findings of the weak answer are new since a report on the strong one.
        var strong = tree.Copy("examples/news-feed/strong.md", "strong.md");
        var baseline = tree.Write("baseline.json", TestGrader.RunCli("check", strong, "--format", "json").Out);
        var (_, second, _) = TestGrader.RunCli("check", answer, "--baseline", baseline, "--format", "json", "--help-base", "https://example.org/rules/");
        Assert.Contains(Root(second).GetProperty("documents")[0].GetProperty("diagnostics").EnumerateArray(), d => d.TryGetProperty("baselineState", out _));
        Valid(second);
    }

    [Fact]
    public void A_report_with_model_feedback_validates()
    {
        using var tree = new TempFolder();
        using var server = new FakeModelServer((_, _) => (200, FakeModelServer.OpenAiBody(FakeModelServer.GoodFeedback), TimeSpan.Zero, null));
        var answer = tree.Copy("examples/video-recommendation/partial.md", "answer.md");
        var (_, output, error) = TestGrader.RunCli(
            "check", answer, "--format", "json", "--llm", "--llm-model", "test-model", "--llm-endpoint", server.OpenAiEndpoint.ToString(),
            "--llm-cache", Path.Combine(tree.Root, "cache"));
        var report = Root(output);
        Assert.True(report.GetProperty("documents")[0].GetProperty("feedback").ValueKind == JsonValueKind.Object, error);
        Assert.Equal(JsonValueKind.Object, report.GetProperty("provenance").GetProperty("llm").ValueKind);
        Valid(output);
    }

    [Fact]
    public void Compare_and_history_output_validate()
    {
        var (exit, compare, _) = TestGrader.RunCli("compare", "examples/news-feed/weak.md", "examples/news-feed/strong.md", "--format", "json");
        Assert.Equal(0, exit);
        Assert.NotEmpty(Root(compare).GetProperty("findings").GetProperty("fixed").EnumerateArray());
        Valid(compare);

        using var repo = new GitRepo();
        var answer = repo.Write("a.md", TestGrader.ReadRepoFile("examples/news-feed/weak.md"));
        repo.Commit("first draft");
        repo.Write("a.md", TestGrader.ReadRepoFile("examples/news-feed/strong.md"));
        repo.Commit("rewrite");
        var (historyExit, history, error) = TestGrader.RunCli("history", answer, "--format", "json");
        Assert.True(historyExit == 0, error);
        Assert.Equal(2, Root(history).GetProperty("commits").GetArrayLength());
        Valid(history);
    }

    // Each mutation is something the writer never does; each must fail validation, so the tests above can fail.
    [Theory]
    [InlineData("drop documents/0/score/band")]
    [InlineData("drop documents/0/feedback")]
    [InlineData("add documents/0/score/grade")]
    [InlineData("add documents/0/diagnostics/0/note")]
    [InlineData("set documents/0/diagnostics/0/severity=\"fatal\"")]
    [InlineData("set documents/0/diagnostics/0/id=\"CA1000\"")]
    [InlineData("set documents/0/sections/0/id=\"framing\"")]
    [InlineData("set documents/0/problem/source=\"guessed\"")]
    [InlineData("set documents/0/score/total=\"62.5\"")]
    [InlineData("set documents/0/score/relevance=1.5")]
    [InlineData("set documents/0/sections/0/criteria/0/evidence=[{\"line\":0,\"column\":1}]")]
    [InlineData("set schemaVersion=2")]
    [InlineData("set tool/name=\"other\"")]
    [InlineData("drop errors")]
    [InlineData("set provenance/mode=\"remote\"")]
    public void A_mutated_report_fails_validation(string mutation)
    {
        var output = WeakReport.Value;
        Valid(output);
        var mutated = Mutate(output, mutation);
        Assert.NotEqual(output, mutated);
        Assert.NotEmpty(Problems(mutated));
    }

    [Fact]
    public void A_step_missing_from_sections_or_a_comparison_with_a_document_fails_validation()
    {
        var node = JsonNode.Parse(WeakReport.Value)!;
        node["documents"]![0]!["sections"]!.AsArray().RemoveAt(6);
        Assert.NotEmpty(Problems(node.ToJsonString()));

        var compare = JsonNode.Parse(TestGrader.RunCli("compare", "examples/news-feed/weak.md", "examples/news-feed/strong.md", "--format", "json").Out)!;
        compare["documents"] = new JsonArray();
        Assert.NotEmpty(Problems(compare.ToJsonString()));
    }

    // "drop a/b", "add a/b" (adds an unknown property b to a) or "set a/b=JSON".
    private static string Mutate(string json, string mutation)
    {
        var root = JsonNode.Parse(json)!;
        var (verb, rest) = (mutation[..mutation.IndexOf(' ', StringComparison.Ordinal)], mutation[(mutation.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        var (path, value) = verb == "set" ? (rest[..rest.IndexOf('=', StringComparison.Ordinal)], rest[(rest.IndexOf('=', StringComparison.Ordinal) + 1)..]) : (rest, "true");
        var steps = path.Split('/');
        var parent = steps[..^1].Aggregate(root, (node, step) => int.TryParse(step, out var i) ? node[i]! : node[step]!);
        var last = steps[^1];
        if (verb == "drop")
        {
            Assert.True(parent.AsObject().Remove(last), $"{path} is not in the report");
        }
        else
        {
            Assert.True(verb == "add" ^ parent.AsObject().ContainsKey(last), $"{path}: {verb} does not fit the report");
            parent[last] = JsonNode.Parse(value);
        }

        return root.ToJsonString();
    }
}
