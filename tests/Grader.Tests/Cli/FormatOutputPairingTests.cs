using System.Text.Json;
using Grader.Tests.Support;

namespace Grader.Tests.Cli;

/// <summary>Issue 13, point 3: an --output belongs to the --format given just before it; anything else is a usage error.</summary>
public sealed class FormatOutputPairingTests : IDisposable
{
    private readonly TempFolder _tree = new();

    public void Dispose() => _tree.Dispose();

    private string File(string name) => Path.Combine(_tree.Root, name);

    [Fact]
    public void The_documented_ci_command_sends_annotations_to_stdout_and_sarif_to_its_file()
    {
        var (exit, output, error) = TestGrader.RunCli("check", "examples/video-recommendation/weak.md",
            "--format", "github", "--format", "sarif", "--output", File("grader.sarif"), "--format", "markdown", "--output", File("grader.md"),
            "--format", "html", "--output", File("grader.html"));

        Assert.True(exit == 0, error);
        Assert.StartsWith("::warning file=examples/video-recommendation/weak.md", output, StringComparison.Ordinal);
        Assert.Equal("2.1.0", JsonDocument.Parse(System.IO.File.ReadAllText(File("grader.sarif"))).RootElement.GetProperty("version").GetString());
        Assert.StartsWith("## Grader report", System.IO.File.ReadAllText(File("grader.md")), StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", System.IO.File.ReadAllText(File("grader.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void Equals_sign_and_short_alias_forms_pair_the_same_way()
    {
        var (exit, output, error) = TestGrader.RunCli("check", "examples/video-recommendation/weak.md",
            "--format=sarif", "-o", File("a.sarif"), "--format", "json");

        Assert.True(exit == 0, error);
        Assert.Equal(1, JsonDocument.Parse(output).RootElement.GetProperty("documents").GetArrayLength());
        Assert.True(JsonDocument.Parse(System.IO.File.ReadAllText(File("a.sarif"))).RootElement.TryGetProperty("runs", out _));
    }

    [Fact]
    public void A_lone_output_takes_the_console_report()
    {
        var (exit, output, _) = TestGrader.RunCli("check", "examples/video-recommendation/weak.md", "--output", File("report.txt"));

        Assert.Equal(0, exit);
        Assert.Equal("", output);
        Assert.Contains("warning MLSD0201", System.IO.File.ReadAllText(File("report.txt")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--output {0}/a --format sarif", "--output {0}/a comes before any --format")]
    [InlineData("--format sarif --output {0}/a --output {0}/b", "--output {0}/b follows --output {0}/a with no --format between them")]
    [InlineData("--format json --format github", "json, github would all go to standard output")]
    [InlineData("--format json --output {0}/a --format sarif --output {0}/a", "two reports would be written to {0}/a")]
    public void Ambiguous_pairings_are_usage_errors_and_write_nothing(string options, string message)
    {
        var args = string.Format(System.Globalization.CultureInfo.InvariantCulture, options, _tree.Root).Split(' ');

        var (exit, output, error) = TestGrader.RunCli(["check", "examples/video-recommendation/weak.md", .. args]);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.StartsWith("grader: error: " + string.Format(System.Globalization.CultureInfo.InvariantCulture, message, _tree.Root), error, StringComparison.Ordinal);
        Assert.Contains("write each report as --format FORMAT --output FILE", error, StringComparison.Ordinal);
        Assert.False(System.IO.File.Exists(Path.Combine(_tree.Root, "a")));
    }
}
