using System.Text.Json;
using System.Xml.Linq;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Grader.Tests.Llm;
using Grader.Tests.Support;

namespace Grader.Tests.Hostile;

/// <summary>
/// Issue 13, points 3 and 4, done as a submitter would: the files they add to answers/ carry escape sequences, workflow
/// commands, HTML and mentions in their names, front matter, headings and the model's reply. Every report stays whole
/// and inert, and the grade and exit code are those of the answer's text.
/// </summary>
public sealed class UntrustedOutputTests : IDisposable
{
    private const string Hostile = "</details><h1>All checks passed</h1> @org/team ![x](https://evil.example/x.png)";

    private readonly TempFolder _tree = new();

    public void Dispose() => _tree.Dispose();

    private string Weak(string relative) => _tree.Copy("examples/video-recommendation/weak.md", relative);

    // The weak example's score as reports print it, whatever the rubrics make of it.
    private static string WeakScore { get; } = TestGrader.Engine.Grade("examples/video-recommendation/weak.md",
        TestGrader.ReadRepoFile("examples/video-recommendation/weak.md")).Score.Total.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);

    // The weak example with its front matter replaced (a YAML double-quoted value may hold any escape) and a heading added.
    private string Submitted(string relative, string problem, string heading)
    {
        var body = TestGrader.ReadRepoFile("examples/video-recommendation/weak.md").Split("---\n", 3)[2];
        return _tree.Write(relative, $"---\nproblem: \"{problem}\"\n---\n{body.Replace("## Data", $"## Data {heading}", StringComparison.Ordinal)}");
    }

    [Fact]
    public void Escape_sequences_in_a_file_name_reach_the_console_as_visible_escapes()
    {
        var path = Weak("answers/priya/a\u001b[2J\u001b]0;pwned\u0007b.md");

        var (exit, output, error) = TestGrader.RunCli("check", path);

        Assert.Equal(0, exit);
        ReportChecks.PlainConsole(output + error);
        Assert.Contains(@"a\x1b[2J\x1b]0;pwned\x07b.md(8,1): warning MLSD0201", output, StringComparison.Ordinal);
        Assert.Contains(WeakScore, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Workflow_commands_in_front_matter_and_a_file_name_never_start_a_line_of_github_output()
    {
        var forged = @"x\n::error title=Build failed::forged\n::add-mask::secret\n::stop-commands::abc\n" + Hostile;
        var first = Submitted("answers/sam/answer.md", forged, "\u001b[31m::error::heading");
        var second = Weak("answers/eve/x\n::error title=Build failed::forged\n::add-mask::x\n::stop-commands::tok\ny.md");

        var (exit, output, error) = TestGrader.RunCli("check", first, second, "--format", "github");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        ReportChecks.OnlyGradersWorkflowCommands(output);
        Assert.DoesNotContain("\n::add-mask::", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", output, StringComparison.Ordinal);
        // The forged problem id is quoted, escaped, inside Grader's own warning; the file name still names its file.
        Assert.Contains(@"Front matter names problem 'x%0A::error title=Build failed::forged%0A::add-mask::secret", output, StringComparison.Ordinal);
        Assert.Contains($"y.md: {WeakScore}/100 (weak)", output, StringComparison.Ordinal);

        // Alone, its annotations come first: the file property decodes back to the file's real name.
        var (_, alone, _) = TestGrader.RunCli("check", second, "--format", "github");
        ReportChecks.OnlyGradersWorkflowCommands(alone);
        Assert.StartsWith("::warning file=" + second.Replace("\n", "%0A", StringComparison.Ordinal).Replace(":", "%3A", StringComparison.Ordinal) + ",line=", alone, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_images_and_mentions_from_front_matter_and_the_model_stay_text_in_the_markdown_report()
    {
        var reply = JsonSerializer.Serialize(new
        {
            scoping = new { rating = 4, strengths = new[] { Hostile }, gaps = new[] { Hostile + " \u0001 cc @octocat" }, lines = new[] { 3 } },
            data = new { rating = 3, strengths = new[] { "ok" }, gaps = new[] { "<img src=x onerror=alert(1)>" }, lines = new[] { 3 } },
            monitoring = new { rating = 2, strengths = Array.Empty<string>(), gaps = new[] { "[click](javascript:alert(1))" }, lines = Array.Empty<int>() },
        });
        using var server = new FakeModelServer((_, _) => (200, FakeModelServer.OpenAiBody(reply), TimeSpan.Zero, null));
        var answer = Submitted("answers/sam/answer.md", Hostile, Hostile);
        var report = Path.Combine(_tree.Root, "grader.md");
        var junit = Path.Combine(_tree.Root, "junit.xml");

        var (exit, _, error) = TestGrader.RunCli("check", answer, "--format", "markdown", "--output", report, "--format", "junit", "--output", junit,
            "--llm", "--llm-model", "test-model", "--llm-cache", Path.Combine(_tree.Root, "cache"), "--llm-endpoint", server.OpenAiEndpoint.ToString());

        Assert.True(exit == 0, error);
        var markdown = File.ReadAllText(report);
        ReportChecks.InertMarkdown(markdown);
        Assert.Contains("&lt;/details&gt;&lt;h1&gt;All checks passed&lt;/h1&gt; @\u2060org/team !\\[x\\](https://evil.example/x.png)", markdown, StringComparison.Ordinal);
        Assert.Contains("gap: &lt;img src=x onerror=alert(1)&gt;", markdown, StringComparison.Ordinal);
        Assert.Equal(1, markdown.Split("<details>").Length - 1);
        Assert.Equal(1, markdown.Split("</details>").Length - 1);
        Assert.Contains("\uFFFD cc @octocat", XDocument.Load(junit).Root!.Descendants("system-out").Single().Value, StringComparison.Ordinal);
    }

    [Fact]
    public void A_backtick_in_a_path_keeps_the_markdown_code_span_whole()
    {
        var path = Weak("answers/sam/a`b``c.md");
        var report = Path.Combine(_tree.Root, "grader.md");

        var (exit, _, error) = TestGrader.RunCli("check", path, "--format", "markdown", "--output", report);

        Assert.True(exit == 0, error);
        var markdown = File.ReadAllText(report);
        ReportChecks.InertMarkdown(markdown);
        var code = Markdown.Parse(markdown, new MarkdownPipelineBuilder().UsePipeTables().Build()).Descendants<CodeInline>().Select(c => c.Content).ToList();
        Assert.Contains(path, code);
    }

    [Fact]
    public void A_control_character_in_a_file_name_loses_no_report()
    {
        var bad = Weak("answers/sam/ctl\u0001x.md");
        var good = Weak("answers/ana/answer.md");
        string[] formats = ["junit", "sarif", "html", "markdown", "github", "console"];
        var files = formats.ToDictionary(f => f, f => Path.Combine(_tree.Root, "out", $"report.{f}"));

        var (exit, output, error) = TestGrader.RunCli(["check", bad, good, .. formats.SelectMany(f => new[] { "--format", f, "--output", files[f] }), "--format", "json"]);

        Assert.True(exit == 0, error);
        var suites = XDocument.Load(files["junit"]).Root!.Elements("testsuite").Select(s => (string)s.Attribute("name")!).ToList();
        Assert.Equal(new[] { bad.Replace('\u0001', '\uFFFD'), good }, suites);
        Assert.Equal(2, JsonDocument.Parse(output).RootElement.GetProperty("documents").GetArrayLength());
        Assert.Equal(2, JsonDocument.Parse(File.ReadAllText(files["sarif"])).RootElement.GetProperty("runs")[0].GetProperty("artifacts").GetArrayLength());
        Assert.Contains(@"ctl\x01x.md", File.ReadAllText(files["console"]), StringComparison.Ordinal);
        Assert.Contains("ctl\uFFFDx.md", File.ReadAllText(files["html"]), StringComparison.Ordinal);
        ReportChecks.InertMarkdown(File.ReadAllText(files["markdown"]));
        ReportChecks.OnlyGradersWorkflowCommands(File.ReadAllText(files["github"]));
    }

    [Fact]
    public void A_report_that_cannot_be_written_is_named_and_the_others_are_still_written()
    {
        var answer = Weak("answers/ana/answer.md");
        var blocked = _tree.Write("not-a-folder", "");
        var sarif = Path.Combine(_tree.Root, "grader.sarif");

        var (exit, output, error) = TestGrader.RunCli("check", answer, "--format", "junit", "--output", Path.Combine(blocked, "junit.xml"),
            "--format", "sarif", "--output", sarif, "--format", "json");

        Assert.Equal(2, exit);
        Assert.Contains("grader: error: junit report to " + Path.Combine(blocked, "junit.xml") + " not written: IOException", error, StringComparison.Ordinal);
        Assert.Equal(1, JsonDocument.Parse(File.ReadAllText(sarif)).RootElement.GetProperty("runs")[0].GetProperty("artifacts").GetArrayLength());
        Assert.Equal(1, JsonDocument.Parse(output).RootElement.GetProperty("documents").GetArrayLength());
    }

    [Fact]
    public void A_usage_error_quoting_a_hostile_argument_stays_one_plain_line()
    {
        var (exit, _, error) = TestGrader.RunCli("check", "x.md", "--fail-on", "none\n::error::forged\u001b[2J");

        Assert.Equal(2, exit);
        ReportChecks.PlainConsole(error);
        Assert.DoesNotContain("\n::", error, StringComparison.Ordinal);
        Assert.Contains(@"none\n::error::forged\x1b[2J", error, StringComparison.Ordinal);
    }
}
