using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Grader.Core;
using Grader.Core.Diagnostics;
using Grader.Core.Reporting;
using Grader.Tests.Support;
using NJsonSchema;

namespace Grader.Tests.Reporting;

public class SarifReportWriterTests
{
    private const string Reason = "the interviewer asked for a batch-only design";

    private static readonly ReadError Missing = new("answers/missing answer.md", "file not found");

    private static GradeResult GradeFile(string file) => TestGrader.Engine.Grade(file, TestGrader.ReadRepoFile(file));

    private static GradeRun AllExamples() => new([.. TestGrader.ExampleFiles().Select(GradeFile)], [Missing]);

    private static byte[] Sarif(GradeRun run)
    {
        using var stream = new MemoryStream();
        new SarifReportWriter().Write(stream, run);
        return stream.ToArray();
    }

    private static JsonDocument Parse(GradeRun run) => JsonDocument.Parse(Sarif(run));

    private static JsonElement OnlyRun(JsonDocument log) => Assert.Single(log.RootElement.GetProperty("runs").EnumerateArray());

    private static List<JsonElement> Results(JsonDocument log) => [.. OnlyRun(log).GetProperty("results").EnumerateArray()];

    /// <summary>The first located finding of the example, marked as silenced by an inline comment.</summary>
    private static GradeResult WithSuppression(GradeResult result)
    {
        var index = result.Diagnostics.IndexOf(result.Diagnostics.First(d => !d.Span.IsNone));
        var diagnostic = result.Diagnostics[index];
        var comment = diagnostic.Span with { EndLine = diagnostic.Span.Line, EndColumn = diagnostic.Span.Column };
        return result with
        {
            Diagnostics = result.Diagnostics.SetItem(index, diagnostic with { Suppression = new Suppression("inSource", Reason, comment) }),
        };
    }

    [Fact]
    public async Task The_log_for_every_example_a_suppression_and_a_read_error_passes_the_official_schema()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(TestGrader.RepoRoot, "tests", "Grader.Tests", "Schemas", "sarif-schema-2.1.0.json"));
        var strong = TestGrader.ReadRepoFile("examples/video-recommendation/strong.md");
        var run = AllExamples() with
        {
            Results = [.. AllExamples().Results, WithSuppression(TestGrader.Engine.Grade("answers/my answer: v2.md", strong))],
        };
        var json = Encoding.UTF8.GetString(Sarif(run));

        var errors = schema.Validate(json);

        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
        Assert.Contains("\"uri\": \"answers/my%20answer%3A%20v2.md\"", json, StringComparison.Ordinal);

        // The check has teeth: a value the schema's enum forbids, deep inside a result, is caught.
        Assert.NotEmpty(schema.Validate(json.Replace("\"kind\": \"inSource\"", "\"kind\": \"inline\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task With_a_help_base_every_rule_carries_an_absolute_help_uri_and_stays_valid()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(TestGrader.RepoRoot, "tests", "Grader.Tests", "Schemas", "sarif-schema-2.1.0.json"));
        var run = new GradeRun([GradeFile("examples/news-feed/weak.md")], [], new Uri("https://example.org/grader/docs/rules/"));
        var json = Encoding.UTF8.GetString(Sarif(run));
        Assert.Empty(schema.Validate(json));
        using var log = JsonDocument.Parse(json);
        var rules = OnlyRun(log).GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToList();
        Assert.All(rules, r => Assert.Equal($"https://example.org/grader/docs/rules/{r.GetProperty("id").GetString()}.md", r.GetProperty("helpUri").GetString()));
        Assert.DoesNotContain("\"helpUri\"", Encoding.UTF8.GetString(Sarif(run with { HelpBase = null })), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_artifact_uri_is_a_well_formed_relative_reference_against_SRCROOT()
    {
        var run = AllExamples() with { Results = [TestGrader.Engine.Grade("answers/my answer: v2.md", "# Answer\n")] };
        using var log = Parse(run);

        var locations = OnlyRun(log).GetProperty("artifacts").EnumerateArray().Select(a => a.GetProperty("location"))
            .Concat(Results(log).Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation")))
            .Concat(OnlyRun(log).GetProperty("invocations")[0].GetProperty("toolExecutionNotifications").EnumerateArray()
                .Select(n => n.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation")))
            .ToList();

        Assert.Equal(["answers/missing%20answer.md", "answers/my%20answer%3A%20v2.md"],
            locations.Select(l => l.GetProperty("uri").GetString()!).Distinct().Order(StringComparer.Ordinal));
        Assert.All(locations, l =>
        {
            Assert.Equal("SRCROOT", l.GetProperty("uriBaseId").GetString());
            Assert.True(Uri.IsWellFormedUriString(l.GetProperty("uri").GetString(), UriKind.Relative), l.GetProperty("uri").GetString());
        });
        Assert.False(OnlyRun(log).GetProperty("originalUriBaseIds").GetProperty("SRCROOT").TryGetProperty("uri", out _));
    }

    [Fact]
    public void Every_result_names_a_rule_the_driver_lists_and_its_index_points_at_that_rule()
    {
        using var log = Parse(AllExamples());
        var rules = OnlyRun(log).GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
            .Select(r => r.GetProperty("id").GetString()!).ToList();

        Assert.Equal(rules.Distinct(), rules);
        Assert.Superset(rules.ToHashSet(), GradeRun.Rules.Select(d => d.Id).ToHashSet());
        Assert.NotEmpty(Results(log));
        Assert.All(Results(log), result =>
        {
            var id = result.GetProperty("ruleId").GetString();
            Assert.Contains(id, rules);
            Assert.Equal(id, rules[result.GetProperty("ruleIndex").GetInt32()]);
        });
    }

    [Fact]
    public void Regions_are_one_based_end_after_the_last_character_and_findings_with_no_location_stand_at_line_1()
    {
        var result = GradeFile("examples/video-recommendation/weak.md");
        using var log = Parse(new GradeRun([result], []));
        var sarif = Results(log).ToList();

        Assert.Equal(result.Diagnostics.Length, sarif.Count);
        Assert.Contains(result.Diagnostics, d => d.Span.IsNone);
        Assert.Contains(result.Diagnostics, d => !d.Span.IsNone);
        foreach (var (diagnostic, json) in result.Diagnostics.Zip(sarif))
        {
            Assert.Equal(diagnostic.Id, json.GetProperty("ruleId").GetString());
            var location = json.GetProperty("locations")[0].GetProperty("physicalLocation");
            var region = location.GetProperty("region");
            Assert.Equal(diagnostic.Span.IsNone, json.GetProperty("locations")[0].TryGetProperty("message", out _));
            if (diagnostic.Span.IsNone)
            {
                Assert.Equal(1, region.GetProperty("startLine").GetInt32());
            }
            else
            {
                Assert.Equal(diagnostic.Span.Line, region.GetProperty("startLine").GetInt32());
                Assert.Equal(diagnostic.Span.Column, region.GetProperty("startColumn").GetInt32());
                Assert.Equal(diagnostic.Span.EndLine, region.GetProperty("endLine").GetInt32());
                Assert.Equal(diagnostic.Span.EndColumn + 1, region.GetProperty("endColumn").GetInt32());
            }
        }
    }

    public static TheoryData<string> Examples() => [.. TestGrader.ExampleFiles()];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Fingerprints_stay_the_same_when_the_answer_moves_down_the_page(string file)
    {
        var text = TestGrader.ReadRepoFile(file).ReplaceLineEndings("\n");
        var original = TestGrader.Engine.Grade(file, text);

        // Insert below any front matter, which must stay on the first line to count as front matter.
        var lines = text.Split('\n').ToList();
        var top = original.Document.FrontMatter.IsPresent ? original.Document.FrontMatter.Span.EndLine : 0;
        // Blank lines and a comment: the answer moves, its text does not change (a sentence would be text to grade).
        lines.InsertRange(top, ["", "", "", "", "", "<!-- second draft, written in forty minutes -->", ""]);
        var moved = TestGrader.Engine.Grade(file, string.Join('\n', lines));

        using var before = Parse(new GradeRun([original], []));
        using var after = Parse(new GradeRun([moved], []));
        var fingerprints = (JsonDocument log) => Results(log)
            .Select(r => r.GetProperty("partialFingerprints").GetProperty(SarifReportWriter.FingerprintKey).GetString())
            .ToHashSet();
        // Findings with nothing to point at stand at line 1 wherever the answer is (and their location says so).
        var startLines = (JsonDocument log) => Results(log)
            .Where(r => !r.GetProperty("locations")[0].TryGetProperty("message", out _))
            .Select(r => r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32())
            .ToList();

        Assert.Equal(fingerprints(before), fingerprints(after));
        Assert.Equal(Results(before).Count, fingerprints(before).Count);
        Assert.Equal(startLines(before).Select(l => l + 7), startLines(after));
    }

    [Fact]
    public void A_finding_about_a_missing_step_has_a_start_line_and_says_it_stands_at_the_first_line()
    {
        var result = TestGrader.Grade("## Requirements\n\nWe serve 10M daily users with a 200 ms p99 latency budget.\n");
        using var log = Parse(new GradeRun([result], []));
        var missing = Results(log).Where(r => r.GetProperty("ruleId").GetString() == "MLSD0101").ToList();
        Assert.NotEmpty(missing);
        Assert.All(missing, r =>
        {
            var location = r.GetProperty("locations")[0];
            Assert.Equal(1, location.GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
            Assert.Contains("first line", location.GetProperty("message").GetProperty("text").GetString(), StringComparison.Ordinal);
        });
        Assert.True(log.RootElement.GetProperty("runs")[0].GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
    }

    [Fact]
    public void A_suppressed_finding_carries_an_in_source_suppression_with_its_reason_and_keeps_its_level()
    {
        var result = WithSuppression(GradeFile("examples/video-recommendation/weak.md"));
        using var log = Parse(new GradeRun([result], []));
        var suppressed = result.Diagnostics.Single(d => d.IsSuppressed);

        var marked = Assert.Single(Results(log), r => r.TryGetProperty("suppressions", out _));
        var suppression = Assert.Single(marked.GetProperty("suppressions").EnumerateArray());
        Assert.Equal("inSource", suppression.GetProperty("kind").GetString());
        Assert.Equal(Reason, suppression.GetProperty("justification").GetString());
        Assert.Equal(suppressed.Id, marked.GetProperty("ruleId").GetString());
        Assert.Equal(suppressed.Message, marked.GetProperty("message").GetProperty("text").GetString());
        Assert.Equal(suppressed.Severity == Severity.Info ? "note" : suppressed.Severity.ToId(), marked.GetProperty("level").GetString());
    }

    [Fact]
    public void The_same_run_gives_the_same_bytes_in_any_culture_and_names_no_machine_path()
    {
        var first = Sarif(AllExamples());
        byte[] second;
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            second = Sarif(AllExamples());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        Assert.Equal(first, second);
        var text = Encoding.UTF8.GetString(first);
        Assert.DoesNotContain(TestGrader.RepoRoot, text, StringComparison.Ordinal);
        Assert.DoesNotContain("file:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_run_properties_carry_each_answers_score_for_dashboards()
    {
        var run = AllExamples();
        using var log = Parse(run);

        var scores = OnlyRun(log).GetProperty("properties").GetProperty("scores").EnumerateArray().ToList();

        Assert.Equal(run.Results.Select(r => (r.Path, r.Problem.Id, r.Score.Total, r.Score.Band)),
            scores.Select(s => (s.GetProperty("path").GetString()!, s.GetProperty("problem").GetString()!, s.GetProperty("total").GetDouble(), s.GetProperty("band").GetString()!)));
        Assert.Equal(run.Results.Length, OnlyRun(log).GetProperty("artifacts").GetArrayLength());
    }

    [Fact]
    public void A_read_error_is_an_error_notification_naming_the_file_and_marks_the_run_unsuccessful()
    {
        using var log = Parse(new GradeRun(ImmutableArray<GradeResult>.Empty, [Missing]));
        var invocation = Assert.Single(OnlyRun(log).GetProperty("invocations").EnumerateArray());

        // Its results are incomplete: code scanning must not read the run as a clean pass.
        Assert.False(invocation.GetProperty("executionSuccessful").GetBoolean());
        var notification = Assert.Single(invocation.GetProperty("toolExecutionNotifications").EnumerateArray());
        Assert.Equal("error", notification.GetProperty("level").GetString());
        Assert.Equal(Missing.Message, notification.GetProperty("message").GetProperty("text").GetString());
        Assert.Equal("answers/missing%20answer.md",
            notification.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Empty(Results(log));
    }
}
