using System.Text;
using System.Text.RegularExpressions;
using Grader.Core.Diagnostics;
using Grader.Core.Rubrics;
using Grader.Tests.Support;
using Xunit.Abstractions;

namespace Grader.Tests.Native;

/// <summary>
/// The shipped build is the Native AOT binary that <c>dotnet tool install</c> gives on linux-x64. Trimming and AOT
/// can break code silently (a type the trimmer dropped, JSON that needs reflection), so its output is compared byte
/// for byte with the framework-dependent build's (this test process runs the same CLI in-process) on every example
/// in every format and on every other command, good input and bad.
/// </summary>
[Trait("Category", "Slow")]
public partial class NativeBuildTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Formats = ["console", "json", "sarif", "junit", "markdown", "github", "html"];

    private readonly TempFolder _tree = new();

    public void Dispose()
    {
        _tree.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public void The_installed_command_is_the_native_binary()
    {
        var tool = NativeTool.Instance;
        var header = new byte[4];
        using (var binary = File.OpenRead(tool.Binary))
        {
            binary.ReadExactly(header);
        }

        Assert.Equal([0x7F, (byte)'E', (byte)'L', (byte)'F'], header);
        Assert.Contains($"{Path.DirectorySeparatorChar}grader.linux-x64{Path.DirectorySeparatorChar}", tool.Binary, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(tool.Binary)!, "*.dll"));
        var (exit, version, _) = tool.ExecuteText(TestGrader.RepoRoot, "--version");
        Assert.Equal(0, exit);
        Assert.StartsWith(Grader.Core.Reporting.ToolInfo.Version, version, StringComparison.Ordinal);
        output.WriteLine($"scripts/pack took {tool.PackTime.TotalSeconds:0} s; the native binary is {new FileInfo(tool.Binary).Length / 1048576.0:0.0} MB");
    }

    [Fact]
    public void Only_ollamasharp_warns_when_the_native_binary_is_compiled()
    {
        // Warnings from our own code fail the build; third-party ones are allowed only where a test proves the path
        // Grader takes works natively (OllamaSharp: NativeLlmFeedbackTests).
        var warned = WarningAssembly().Matches(NativeTool.Instance.PackLog).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(["OllamaSharp"], warned);
        Assert.DoesNotMatch(DetailedWarning(), NativeTool.Instance.PackLog);
    }

    [Fact]
    public void Every_example_in_every_format_matches_the_framework_dependent_build()
    {
        var runs = TestGrader.ExampleFiles().SelectMany(example => Formats.Select(format => new[] { "check", example, "--format", format }));
        AssertSame(runs);
    }

    [Fact]
    public void A_batch_writing_every_format_to_files_matches_the_framework_dependent_build()
    {
        string[] Args(string folder) =>
        [
            "check", "examples", "--summary-csv", Path.Combine(folder, "summary.csv"),
            .. Formats.Skip(1).SelectMany(f => new[] { "--format", f, "--output", Path.Combine(folder, $"report.{f}") }),
            "--format", "console",
        ];

        var framework = Directory.CreateDirectory(Path.Combine(_tree.Root, "framework")).FullName;
        var native = Directory.CreateDirectory(Path.Combine(_tree.Root, "native")).FullName;
        var expected = TestGrader.RunCli(Args(framework));
        var actual = NativeTool.Instance.Execute(TestGrader.RepoRoot, Args(native));
        var differences = new List<string>();
        Compare("batch", expected, actual, differences);
        foreach (var file in Directory.GetFiles(framework).Select(Path.GetFileName))
        {
            var theirs = Path.Combine(native, file!);
            if (File.Exists(theirs))
            {
                Same($"batch {file}", "file", Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(framework, file!))), File.ReadAllBytes(theirs), differences);
            }
            else
            {
                differences.Add($"batch: {file} not written");
            }
        }

        Assert.Equal(Directory.GetFiles(framework).Length, Directory.GetFiles(native).Length);
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Fact]
    public void Rubric_commands_explain_and_init_match_the_framework_dependent_build()
    {
        var (catalog, _) = RubricCatalog.Load(DescriptorCatalog.Ids);
        var rubrics = catalog.Problems.Append(catalog.Base).ToList();
        var broken = Directory.GetFiles(Path.Combine(TestGrader.RepoRoot, "tests", "Grader.Tests", "Rubrics", "Broken"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(TestGrader.RepoRoot, f));
        var runs = new List<string[]> { new[] { "rubrics", "list" }, new[] { "rubrics", "validate" }, new[] { "--version" } };
        runs.AddRange(rubrics.Select(r => new[] { "rubrics", "show", r.Id }));
        runs.AddRange(broken.Select(f => new[] { "rubrics", "validate", f }));
        runs.AddRange(DescriptorCatalog.All.Select(d => new[] { "explain", d.Id }));
        runs.AddRange(rubrics.SelectMany(r => r.Criteria).Select(c => c.Id).Distinct().Select(id => new[] { "explain", id }));
        runs.AddRange(catalog.Problems.Select(r => new[] { "init", r.Id }));
        runs.Add(["explain", "MLSD9999"]);
        runs.Add(["rubrics", "show", "no-such-problem"]);
        AssertSame(runs);
    }

    [Fact]
    public void Compare_bad_input_broken_rubrics_and_broken_configs_match_the_framework_dependent_build()
    {
        const string strong = "examples/news-feed/strong.md";
        const string weak = "examples/news-feed/weak.md";
        var brokenRubrics = Path.Combine(TestGrader.RepoRoot, "tests", "Grader.Tests", "Rubrics", "Broken");
        var configs = new[]
        {
            _tree.Write("unknown-key.yaml", "failUnder: 50\nfialOn: error\n"),
            _tree.Write("wrong-type.yaml", "failUnder: lots\n"),
            _tree.Write("syntax.yaml", "rules: [MLSD0201\n"),
            _tree.Write("alias.yaml", "rules: &r {MLSD0201: none}\ncategories: *r\n"),
            _tree.Write("unknown-rule.yaml", "rules:\n  MLSD9999: error\n"),
            _tree.Write("good.yaml", "failUnder: 50\nrules:\n  MLSD0201: none\nproblems:\n  - files: 'examples/**'\n    problem: news-feed\n"),
        };
        var customRubrics = Path.Combine(_tree.Root, "custom");
        Directory.CreateDirectory(customRubrics);
        File.Copy(Path.Combine(brokenRubrics, "extends-missing.yaml"), Path.Combine(customRubrics, "extends-missing.yaml"));
        var runs = new List<string[]>
        {
            new[] { "compare", strong, weak },
            new[] { "compare", strong, weak, "--format", "json" },
            new[] { "compare", strong, weak, "--format", "markdown" },
            new[] { "check", "no-such-file.md" },
            new[] { "check", strong, "--fail-under", "99" },
            new[] { "check", weak, "--fail-on", "warning", "--format", "github" },
            new[] { "check", strong, "--problem", "no-such-problem" },
            new[] { "check", strong, "--format", "yaml" },
            new[] { "check", strong, "--rubrics", customRubrics },
            new[] { "rubrics", "list", "--rubrics", customRubrics },
        };
        runs.AddRange(configs.Select(c => new[] { "check", strong, "--config", c, "--format", "json" }));
        AssertSame(runs);
    }

    [Fact]
    public void Fix_standard_input_other_languages_user_rubrics_and_criteria_turned_off_match_the_framework_dependent_build()
    {
        const string weak = "examples/video-recommendation/weak.md";

        // A user rubric with every key the built-in ones use (drives:, guidance:, unlessAnywhere: ...), read through the
        // static context: a key it dropped would change the scores.
        var custom = Directory.CreateDirectory(Path.Combine(_tree.Root, "custom")).FullName;
        File.WriteAllText(Path.Combine(custom, "my-ads.yaml"),
            TestGrader.ReadRepoFile("rubrics/ad-click-prediction.yaml").Replace("ad-click-prediction", "my-ads", StringComparison.Ordinal));
        var off = _tree.Write("off.yaml", "rules:\n  MLSD0201: none\n  model.loss: none\ncategories:\n  integrity: warning\nfailUnder: 40\n");
        var broken = _tree.Write("broken.yaml", "failUnder: 500\ncategories:\n  nonsense: error\nllm:\n  provider: foo\n  endpoint: not-a-url\nrules:\n  MLSD9999: error\n");
        var languages = Directory.GetFiles(Path.Combine(TestGrader.RepoRoot, "tests", "Grader.Tests", "Language", "answers"), "*.md").Order(StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(TestGrader.RepoRoot, f));
        var runs = new List<string[]>
        {
            new[] { "fix", weak, "--dry-run" },
            new[] { "check", "examples/ad-click-prediction", "--problem", "my-ads", "--rubrics", custom, "--format", "json" },
            new[] { "rubrics", "show", "my-ads", "--rubrics", custom },
            new[] { "init", "my-ads", "--rubrics", custom },
            new[] { "explain", "my-ads.uncorrected-downsampling", "--rubrics", custom },
            new[] { "check", weak, "--config", off, "--format", "json" },
            new[] { "check", weak, "--config", off, "--format", "sarif" },
            new[] { "check", weak, "--config", broken },
        };
        runs.AddRange(languages.Select(f => new[] { "check", f, "--format", "json" }));
        AssertSame(runs);

        // An answer on standard input, named for reports and config lookup.
        var differences = new List<string>();
        var text = File.ReadAllBytes(Path.Combine(TestGrader.RepoRoot, weak));
        foreach (var format in Formats)
        {
            string[] args = ["check", "-", "--stdin-name", weak, "--format", format];
            Compare($"stdin {format}", TestGrader.RunCliWithInput(text, args), NativeTool.Instance.ExecuteWithInput(TestGrader.RepoRoot, text, args), differences);
        }

        // fix in place: the same file written, the same report of what was done.
        var framework = _tree.Write("framework/weak.md", Encoding.UTF8.GetString(text));
        var native = _tree.Write("native/weak.md", Encoding.UTF8.GetString(text));
        Compare("fix", TestGrader.RunCliIn(Path.GetDirectoryName(framework)!, "fix", "weak.md"), NativeTool.Instance.Execute(Path.GetDirectoryName(native)!, "fix", "weak.md"), differences);
        Same("fix", "file", File.ReadAllText(framework), File.ReadAllBytes(native), differences);
        Assert.NotEqual(Encoding.UTF8.GetString(text), File.ReadAllText(framework));
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    // Runs each command both ways from the repository root and reports every difference at once.
    private static void AssertSame(IEnumerable<string[]> runs)
    {
        var differences = new List<string>();
        var count = 0;
        foreach (var args in runs)
        {
            count++;
            Compare(string.Join(' ', args), TestGrader.RunCli(args), NativeTool.Instance.Execute(TestGrader.RepoRoot, args), differences);
        }

        Assert.True(count > 0);
        Assert.True(differences.Count == 0, $"{differences.Count} of {count} runs differ:\n{string.Join("\n", differences.Take(30))}");
    }

    private static void Compare(string run, (int Exit, string Out, string Err) expected, (int Exit, byte[] Out, byte[] Err) actual, List<string> differences)
    {
        if (expected.Exit != actual.Exit)
        {
            differences.Add($"{run}: exit {expected.Exit} != {actual.Exit}");
        }

        Same(run, "stdout", expected.Out, actual.Out, differences);
        Same(run, "stderr", expected.Err, actual.Err, differences);
    }

    private static void Same(string run, string stream, string expected, byte[] actual, List<string> differences)
    {
        var bytes = Encoding.UTF8.GetBytes(Scrub(expected));
        actual = Encoding.UTF8.GetBytes(Scrub(Encoding.UTF8.GetString(actual)));
        if (bytes.AsSpan().SequenceEqual(actual))
        {
            return;
        }

        var at = bytes.AsSpan().CommonPrefixLength(actual);
        differences.Add($"{run}: {stream} differs at byte {at}: expected ...{Excerpt(Encoding.UTF8.GetString(bytes), at)}... got ...{Excerpt(Encoding.UTF8.GetString(actual), at)}...");
    }

    // The github format fences its summary with a random token on purpose (README); only that token may differ.
    private static string Scrub(string output)
    {
        foreach (var token in StopCommandsToken().Matches(output).Select(m => m.Groups[1].Value).Distinct())
        {
            output = output.Replace(token, "TOKEN", StringComparison.Ordinal);
        }

        return output;
    }

    private static string Excerpt(string text, int at) =>
        text.Substring(Math.Max(0, Math.Min(at, text.Length) - 40), Math.Min(80, text.Length - Math.Max(0, Math.Min(at, text.Length) - 40))).ReplaceLineEndings("\\n");

    // "Assembly 'X' produced trim warnings" / "... AOT analysis warnings", as the publish prints them.
    [GeneratedRegex(@"Assembly '([^']+)' produced (?:trim|AOT analysis) warnings")]
    private static partial Regex WarningAssembly();

    [GeneratedRegex(@"::stop-commands::([0-9a-f]{32})")]
    private static partial Regex StopCommandsToken();

    [GeneratedRegex(@"warning IL\d{4}: (?!Assembly ')")]
    private static partial Regex DetailedWarning();
}
