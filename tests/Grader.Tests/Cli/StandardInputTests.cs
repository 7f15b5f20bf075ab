using System.Text;
using System.Text.Json;
using Grader.Tests.Support;

namespace Grader.Tests.Cli;

/// <summary><c>grader check -</c>: one answer read from standard input, named by --stdin-name.</summary>
public class StandardInputTests
{
    private const string Example = "examples/video-recommendation/weak.md";

    private static byte[] ExampleBytes => File.ReadAllBytes(Path.Combine(TestGrader.RepoRoot, Example));

    [Fact]
    public void An_answer_on_standard_input_is_graded_like_the_same_file()
    {
        var (exit, output, error) = TestGrader.RunCliWithInput(ExampleBytes, "check", "-", "--format", "json");
        var (_, fromFile, _) = TestGrader.RunCli("check", Example, "--format", "json");

        Assert.Equal((0, ""), (exit, error));
        var piped = Document(output);
        var file = Document(fromFile);
        Assert.Equal("<stdin>", piped.GetProperty("path").GetString());
        Assert.Equal(file.GetProperty("score").GetRawText(), piped.GetProperty("score").GetRawText());
        Assert.Equal(Findings(file), Findings(piped));
    }

    [Theory]
    [InlineData("console")]
    [InlineData("json")]
    [InlineData("sarif")]
    [InlineData("junit")]
    [InlineData("markdown")]
    [InlineData("github")]
    [InlineData("html")]
    public void Every_format_shows_the_stdin_name_and_never_the_default(string format)
    {
        var (exit, output, _) = TestGrader.RunCliWithInput(ExampleBytes, "check", "-", "--stdin-name", "answers/mine.md", "--format", format);

        Assert.Equal(0, exit);
        Assert.Contains("answers/mine.md", output, StringComparison.Ordinal);
        Assert.DoesNotContain("stdin", output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Standard_input_mixed_with_files_keeps_the_argument_order()
    {
        var (exit, output, _) = TestGrader.RunCliWithInput(ExampleBytes, "check", "examples/video-recommendation/strong.md", "-", "--format", "json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(
            ["examples/video-recommendation/strong.md", "<stdin>"],
            json.RootElement.GetProperty("documents").EnumerateArray().Select(d => d.GetProperty("path").GetString()));
    }

    [Theory]
    [InlineData("'-' (standard input) may be given only once", "check", "-", "-")]
    [InlineData("'-' (standard input) may be given only once", "check", "-", Example, "-")]
    [InlineData("--stdin-name names standard input, but '-' is not among the paths", "check", Example, "--stdin-name", "a.md")]
    public void Misused_standard_input_is_a_usage_error(string message, params string[] args)
    {
        var (exit, output, error) = TestGrader.RunCliWithInput(ExampleBytes, args);

        Assert.Equal((2, ""), (exit, output));
        Assert.Equal($"grader: error: {message}\n", error.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("-", Example)]
    [InlineData(Example, "-")]
    public void A_file_with_the_stdin_name_is_an_error_whichever_comes_first(string first, string second)
    {
        var (exit, output, error) = TestGrader.RunCliWithInput(ExampleBytes, "check", first, second, "--stdin-name", Example, "--format", "json");

        Assert.Equal(2, exit);
        using var json = JsonDocument.Parse(output);
        var graded = Assert.Single(json.RootElement.GetProperty("documents").EnumerateArray());
        Assert.Equal(Example, graded.GetProperty("path").GetString());
        var refused = Assert.Single(json.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal(Example, refused.GetProperty("path").GetString());
        Assert.Contains("both a PATH and the --stdin-name", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Standard_input_over_the_size_limit_is_refused_and_the_files_are_still_graded()
    {
        var (exit, output, error) = TestGrader.RunCliWithInput(Encoding.UTF8.GetBytes(new string('a', 20_000)), "check", "-", Example, "--max-size", "0.01", "--format", "json");

        Assert.Equal(2, exit);
        Assert.Contains("grader: error: <stdin>: is over the 0.01 MB limit for one answer", error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(Example, Assert.Single(json.RootElement.GetProperty("documents").EnumerateArray()).GetProperty("path").GetString());
    }

    [Fact]
    public void Binary_standard_input_is_refused_like_a_binary_file()
    {
        var (exit, output, error) = TestGrader.RunCliWithInput([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D], "check", "-");

        Assert.Equal(2, exit);
        Assert.Contains("<stdin>: error: looks like a binary file", output, StringComparison.Ordinal);
        Assert.Contains("grader: error: <stdin>: looks like a binary file", error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_stdin_name_finds_its_config_and_matches_its_problem_globs()
    {
        using var tree = new TempFolder();
        tree.Write(".grader.yaml", "rules:\n  MLSD0201: error\nproblems:\n  - files: \"week3/**/*.md\"\n    problem: news-feed\n");
        var answer = Encoding.UTF8.GetBytes("## Requirements\n\nThe system must be fast and serve many people around the world, we think.\n");

        var (_, named, _) = TestGrader.RunCliWithInputIn(tree.Root, answer, "check", "-", "--stdin-name", "week3/alice/answer.md", "--format", "json");
        var (_, unnamed, _) = TestGrader.RunCliWithInputIn(tree.Root, answer, "check", "-", "--format", "json");
        var (_, inCi, _) = TestGrader.RunCliWithInputIn(tree.Root, answer, "check", "-", "--stdin-name", "week3/alice/answer.md", "--ci", "--format", "json");

        // Named: the glob picks the problem. Unnamed: the working directory's config still applies, its globs do not.
        Assert.Equal(("news-feed", "config", "error"), Facts(named));
        Assert.Equal("error", Facts(unnamed).Severity);
        Assert.NotEqual("config", Facts(unnamed).Source);

        // CI mode trusts a config found beside standard input's name no more than one found beside a file.
        Assert.NotEqual("config", Facts(inCi).Source);
        Assert.Equal("warning", Facts(inCi).Severity);
    }

    private static (string? Problem, string? Source, string? Severity) Facts(string output)
    {
        var document = Document(output);
        var problem = document.GetProperty("problem");
        var requirements = document.GetProperty("diagnostics").EnumerateArray().Single(d => d.GetProperty("id").GetString() == "MLSD0201");
        return (problem.GetProperty("id").GetString(), problem.GetProperty("source").GetString(), requirements.GetProperty("severity").GetString());
    }

    private static JsonElement Document(string output) =>
        JsonDocument.Parse(output).RootElement.GetProperty("documents")[0].Clone();

    private static List<string> Findings(JsonElement document) =>
        [.. document.GetProperty("diagnostics").EnumerateArray().Select(d => $"{d.GetProperty("id")} {d.GetProperty("line")} {d.GetProperty("message")}")];
}
