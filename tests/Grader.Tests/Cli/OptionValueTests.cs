using Grader.Tests.Support;

namespace Grader.Tests.Cli;

/// <summary>Bad option values are usage errors with plain messages; a failed gate says which, where and why.</summary>
public class OptionValueTests
{
    private const string Weak = "examples/video-recommendation/weak.md";

    [Theory]
    [InlineData("--fail-under", "abc", "--fail-under must be a score from 0 to 100, got 'abc'")]
    [InlineData("--fail-under", "150", "--fail-under must be a score from 0 to 100, got '150'")]
    [InlineData("--jobs", "0", "--jobs must be a whole number from 1 to 256, got '0'")]
    [InlineData("--jobs", "-3", "--jobs must be a whole number from 1 to 256, got '-3'")]
    [InlineData("--max-size", "0", "--max-size must be a size in MB from 0.001 to 1024, got '0'")]
    [InlineData("--answer-timeout", "soon", "--answer-timeout must be a number of seconds (0: no limit) from 0 to 86400, got 'soon'")]
    public void A_value_out_of_range_or_not_a_number_is_a_usage_error_in_plain_words(string option, string value, string message)
    {
        var (exit, stdout, stderr) = TestGrader.RunCli("check", Weak, option, value);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_gate_names_the_gate_the_answer_and_the_score()
    {
        var (exit, _, stderr) = TestGrader.RunCli("check", Weak, "--fail-under", "50", "--format", "json");
        Assert.Equal(1, exit);
        Assert.Matches(@"grader: gate failed: examples/video-recommendation/weak\.md: scored \d+\.\d, under 50 \(--fail-under\)", stderr);

        var (passed, _, quiet) = TestGrader.RunCli("check", Weak, "--fail-under", "10", "--format", "json");
        Assert.Equal(0, passed);
        Assert.DoesNotContain("gate failed", quiet, StringComparison.Ordinal);

        // In the reports people read in CI: an error annotation first in the log, a line in the Markdown summary.
        var (_, github, _) = TestGrader.RunCli("check", Weak, "--fail-under", "50", "--format", "github");
        Assert.StartsWith("::error file=examples/video-recommendation/weak.md,title=grader%3A gate failed::scored ", github, StringComparison.Ordinal);
        var (_, markdown, _) = TestGrader.RunCli("check", Weak, "--fail-under", "50", "--format", "markdown");
        Assert.Matches(@"\*\*Gate failed:\*\* `examples/video-recommendation/weak\.md`: scored \d+\.\d, under 50 \(--fail-under\)", markdown);

        var (severity, _, findings) = TestGrader.RunCli("check", Weak, "--fail-on", "warning", "--format", "json");
        Assert.Equal(1, severity);
        Assert.Matches(@"gate failed: examples/video-recommendation/weak\.md: \d+ finding\(s\) at warning or worse \(--fail-on warning\), first MLSD\d{4} at line \d+", findings);
    }

    [Theory]
    [InlineData(new[] { "check", "--formt", "json", Weak }, "unknown option '--formt'; did you mean '--format'?")]
    [InlineData(new[] { "check", Weak, "--fail-undr", "50" }, "unknown option '--fail-undr'; did you mean '--fail-under'?")]
    [InlineData(new[] { "explain", "--nope", "MLSD0101" }, "unknown option '--nope' (a path that starts with '-' goes after '--', e.g. grader explain -- --nope)")]
    public void A_mistyped_option_is_a_usage_error_with_a_suggestion_not_a_missing_file(string[] args, string message)
    {
        var (exit, stdout, stderr) = TestGrader.RunCli(args);
        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("file not found", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_that_starts_with_a_dash_is_read_as_a_path_after_a_double_dash()
    {
        using var tree = new TempFolder();
        tree.Write("-x.md", TestGrader.ReadRepoFile(Weak));
        var (exit, stdout, stderr) = TestGrader.RunCliIn(tree.Root, "check", "--format", "json", "--", "-x.md");
        Assert.Equal(0, exit);
        Assert.Contains("\"path\": \"-x.md\"", stdout, StringComparison.Ordinal);
        Assert.Equal("", stderr);
    }
}
