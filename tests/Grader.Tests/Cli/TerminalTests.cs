using System.Diagnostics;
using System.Text.RegularExpressions;
using Grader.Tests.Support;

namespace Grader.Tests.Cli;

/// <summary>
/// The real process, as a shell runs it: colour decided from a real terminal (a pseudo-terminal made by util-linux
/// <c>script</c>) and its environment, and an answer piped to standard input.
/// </summary>
public partial class TerminalTests
{
    private static readonly string Grader = Path.Combine(AppContext.BaseDirectory, "grader.dll");

    private static readonly string Example = Path.Combine(TestGrader.RepoRoot, "examples/video-recommendation/weak.md");

    [Fact]
    [Trait("Category", "Slow")]
    public void On_a_terminal_auto_colours_unless_NO_COLOR_or_CI_is_set()
    {
        // `script -qec` is util-linux; elsewhere the in-process tests cover the decision.
        if (!OperatingSystem.IsLinux() || !File.Exists("/usr/bin/script"))
        {
            return;
        }

        Assert.Matches(Sgr(), OnTerminal());
        Assert.DoesNotMatch(Sgr(), OnTerminal(("NO_COLOR", "1")));
        Assert.DoesNotMatch(Sgr(), OnTerminal(("CI", "true")));
        Assert.Matches(Sgr(), OnTerminal(("NO_COLOR", "1"), ("ARGS", "--color always")));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void A_piped_answer_is_graded_and_redirected_output_has_no_colour()
    {
        var start = Start("dotnet", ["exec", Grader, "check", "-", "--stdin-name", "answers/mine.md"]);
        start.RedirectStandardInput = true;
        using var process = Process.Start(start)!;
        process.StandardInput.Write(File.ReadAllText(Example));
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(0, process.ExitCode);
        Assert.StartsWith("answers/mine.md(", output, StringComparison.Ordinal);
        Assert.Contains("answers/mine.md — video-recommendation (front-matter)", output, StringComparison.Ordinal);
        Assert.DoesNotContain('\x1b', output);
    }

    private static string OnTerminal(params (string Name, string Value)[] settings)
    {
        var args = settings.FirstOrDefault(s => s.Name == "ARGS").Value ?? "";
        var start = Start("script", ["-qec", $"dotnet exec '{Grader}' check '{Example}' {args}", "/dev/null"]);
        foreach (var (name, value) in settings.Where(s => s.Name != "ARGS"))
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        Assert.Contains("total", output, StringComparison.Ordinal);
        return output;
    }

    private static ProcessStartInfo Start(string file, string[] args)
    {
        var start = new ProcessStartInfo(file, args) { WorkingDirectory = TestGrader.RepoRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment.Remove("CI");
        start.Environment.Remove("NO_COLOR");
        start.Environment["TERM"] = "xterm-256color";
        return start;
    }

    // Select Graphic Rendition (colour, bold), not the keypad-mode sequence .NET writes to any terminal.
    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex Sgr();
}
