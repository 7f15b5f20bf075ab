using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Grader.Tests.Support;

namespace Grader.Tests.Cli;

/// <summary>The console report: lines problem matchers can read, costliest findings first, colour only when wanted.</summary>
public partial class ConsoleOutputTests
{
    private const string Weak = "examples/video-recommendation/weak.md";

    public static TheoryData<string> Examples() => [.. TestGrader.ExampleFiles()];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_finding_is_one_line_a_problem_matcher_reads(string example)
    {
        var (_, console, _) = TestGrader.RunCli("check", example);
        var (_, json, _) = TestGrader.RunCli("check", example, "--format", "json");

        // Every line about the answer (the table's title is indented) is a finding in the MSBuild shape.
        var lines = console.Split('\n').Where(l => l.StartsWith(example, StringComparison.Ordinal)).ToList();
        Assert.All(lines, l => Assert.Matches(MsCompile(), l));
        using var report = JsonDocument.Parse(json);
        var findings = report.RootElement.GetProperty("documents")[0].GetProperty("diagnostics").EnumerateArray()
            .Where(d => !d.GetProperty("suppressed").GetBoolean()).ToList();
        Assert.Equal(findings.Count, console.Split('\n').Count(l => MsCompile().IsMatch(l)));

        // Findings with no place of their own stand at (1,1); the others where the JSON report puts them.
        Assert.Equal(
            findings.Select(f => $"{Position(f)} {f.GetProperty("id").GetString()}").Order(StringComparer.Ordinal),
            lines.Select(l => MsCompile().Match(l)).Select(m => $"({m.Groups[2].Value},{m.Groups[3].Value}) {m.Groups[5].Value}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_missing_step_stands_at_the_first_line()
    {
        var (_, console, _) = TestGrader.RunCli("check", Weak);

        Assert.Contains($"{Weak}(1,1): warning MLSD0101: The answer has no 'Monitoring and maintenance' step; add a section on it (10.0 points lost)\n", console, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("console")]
    [InlineData("html")]
    public void Findings_are_listed_costliest_first_then_by_severity_and_place(string format)
    {
        var (_, output, _) = TestGrader.RunCli("check", Weak, "--format", format);
        var findings = format switch
        {
            "console" => [.. output.Split('\n').Select(l => MsCompile().Match(l)).Where(m => m.Success)
                .Select(m => (Severity: m.Groups[4].Value, Line: ConsoleLine(m), Message: m.Groups[6].Value))],
            _ => HtmlFindings(output).Select(f => (f.Severity, f.Line, f.Message)).ToList(),
        };

        Assert.True(findings.Count >= 10, $"{findings.Count} findings");
        var keys = findings.Select(f => (Lost: Lost(f.Message), Rank: Rank(f.Severity), f.Line)).ToList();
        Assert.Contains(keys, k => k.Lost == 0);
        for (var i = 1; i < keys.Count; i++)
        {
            var (before, after) = (keys[i - 1], keys[i]);
            Assert.True(
                before.Lost > after.Lost || (before.Lost == after.Lost && (before.Rank > after.Rank || (before.Rank == after.Rank && before.Line <= after.Line))),
                $"{format}: finding {i} {after} comes after {before}");
        }
    }

    [Fact]
    public void Markdown_lists_the_console_s_first_findings_in_the_same_order()
    {
        var (_, console, _) = TestGrader.RunCli("check", Weak);
        var (_, markdown, _) = TestGrader.RunCli("check", Weak, "--format", "markdown");

        var shown = MarkdownFinding().Matches(markdown).Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value}").ToList();
        Assert.Equal(10, shown.Count);
        var first = console.Split('\n').Select(l => MsCompile().Match(l)).Where(m => m.Success).Take(10)
            .Select(m => $"{m.Groups[5].Value} {(ConsoleLine(m) == int.MaxValue ? "" : m.Groups[2].Value)}");
        Assert.Equal(first, shown);
    }

    [Fact]
    public void Html_source_lines_link_to_the_findings_they_quote_after_reordering()
    {
        var (_, html, _) = TestGrader.RunCli("check", Weak, "--format", "html");
        var rows = HtmlFindings(html).ToDictionary(f => f.Anchor, f => f.Id);

        var links = SourceLink().Matches(html).ToList();
        Assert.NotEmpty(links);
        Assert.All(links, l => Assert.Equal(rows[l.Groups[1].Value], l.Groups[2].Value));
    }

    [Theory]
    [InlineData]
    [InlineData("--color", "auto")]
    [InlineData("--color", "never")]
    public void Output_that_is_not_a_terminal_has_no_escape_codes(params string[] color)
    {
        var (exit, output, _) = TestGrader.RunCli(["check", Weak, "examples/video-recommendation/strong.md", .. color]);

        Assert.Equal(0, exit);
        Assert.DoesNotContain('\x1b', output);
    }

    [Fact]
    public void Color_always_colours_the_tables_and_leaves_finding_lines_plain()
    {
        var (exit, output, _) = TestGrader.RunCli("check", Weak, "examples/video-recommendation/strong.md", "--color", "always");

        Assert.Equal(0, exit);
        Assert.Contains("\x1b[1mSummary\x1b[0m", output, StringComparison.Ordinal);
        Assert.Matches("\x1b\\[91m0\\.0\x1b\\[0m", output); // the empty evaluation step, in red
        var findingLines = output.Split('\n').Where(l => l.StartsWith(Weak, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(findingLines);
        Assert.All(findingLines, l => Assert.Matches(MsCompile(), l));
    }

    [Fact]
    public void Color_concerns_the_console_report_only()
    {
        var (exit, output, _) = TestGrader.RunCli("check", Weak, "--color", "always", "--format", "json");

        Assert.Equal(0, exit);
        Assert.DoesNotContain('\x1b', output);
        using var _ = JsonDocument.Parse(output);
    }

    [Fact]
    public void An_unknown_color_mode_is_a_usage_error()
    {
        var (exit, _, error) = TestGrader.RunCli("check", Weak, "--color", "rainbow");

        Assert.Equal(2, exit);
        Assert.Contains("rainbow", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("auto", true, false, null, null, true)]
    [InlineData("auto", false, false, null, null, false)] // redirected, or written to --output FILE
    [InlineData("auto", true, true, null, null, false)] // CI mode
    [InlineData("auto", true, false, "1", null, false)]
    [InlineData("auto", true, false, "", null, true)] // NO_COLOR counts only when it has a value (no-color.org)
    [InlineData("auto", true, false, null, "dumb", false)]
    [InlineData("always", false, true, "1", "dumb", true)] // the option overrides the environment
    [InlineData("never", true, false, null, "xterm-256color", false)]
    public void Auto_colours_only_a_terminal_outside_CI_without_NO_COLOR(string mode, bool toTerminal, bool ci, string? noColor, string? term, bool expected)
    {
        var environment = new Dictionary<string, string?> { ["NO_COLOR"] = noColor, ["TERM"] = term };

        Assert.Equal(expected, Grader.Cli.ConsoleColors.Use(mode, toTerminal, ci, name => environment.GetValueOrDefault(name), () => true));
    }

    [Fact]
    public void Auto_leaves_colour_to_Spectre_when_it_finds_the_terminal_cannot_show_it()
    {
        Assert.False(Grader.Cli.ConsoleColors.Use("auto", toTerminal: true, ciMode: false, _ => null, () => false));
    }

    private static string Position(JsonElement finding) =>
        finding.GetProperty("line").ValueKind == JsonValueKind.Null
            ? "(1,1)"
            : $"({finding.GetProperty("line").GetInt32()},{Math.Max(1, finding.GetProperty("column").GetInt32())})";

    private static double Lost(string message)
    {
        var m = PointsLost().Match(message);
        return m.Success ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    // (1,1) is where the console puts findings with no place, which sort after those with one.
    private static int ConsoleLine(Match m) =>
        m.Groups[2].Value == "1" && m.Groups[3].Value == "1" ? int.MaxValue : int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);

    private static int Rank(string severity) => severity switch { "error" => 2, "warning" => 1, _ => 0 };

    private static IEnumerable<(string Anchor, string Id, string Severity, int Line, string Message)> HtmlFindings(string html) =>
        HtmlFinding().Matches(html).Select(m => (
            m.Groups[1].Value,
            m.Groups[3].Value,
            m.Groups[2].Value,
            m.Groups[4].Success ? int.Parse(m.Groups[4].Value, CultureInfo.InvariantCulture) : int.MaxValue,
            WebUtility.HtmlDecode(m.Groups[5].Value)));

    // VS Code's $msCompile shape, as the issue states it.
    [GeneratedRegex(@"^(.*)\((\d+),(\d+)\): (error|warning|info) (\w+): (.*)$")]
    private static partial Regex MsCompile();

    [GeneratedRegex(@"\((\d+\.\d)(?: of \d+\.\d)? points (?:lost|deducted)")]
    private static partial Regex PointsLost();

    [GeneratedRegex(@"(?m)^- \*\*(?:error|warning|info)\*\* `(MLSD\d{4})`(?: \(line (\d+)\))?: ")]
    private static partial Regex MarkdownFinding();

    [GeneratedRegex("""<tr id="(f1-d\d+)"[^>]*><td class="sev sev-(\w+)">\w+</td><td><a [^>]*><code>(MLSD\d{4})</code></a></td><td class="num">(?:<a [^>]*>)?(?:(\d+):\d+[^<]*|<span class="muted">no location</span>)(?:</a>)?</td><td><span class="message">([^<]*)</span>""")]
    private static partial Regex HtmlFinding();

    [GeneratedRegex("""<a href="#(f1-d\d+)">(MLSD\d{4})</a>""")]
    private static partial Regex SourceLink();
}
