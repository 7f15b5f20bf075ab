using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Grader.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Grader.Tests.Cli;

/// <summary>
/// Runs the shell steps of the GitHub Actions workflow in docs/ci.md with bash, as the runner would, against a
/// fixture repository holding a pull request. What the documentation tells a study group to run is what is tested.
/// </summary>
public sealed partial class CiWorkflowTests : IDisposable
{
    private const string Weak = "---\nproblem: video-recommendation\n---\n## Requirements\n\nWe serve users.\n";

    private readonly GitRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    [Fact]
    [Trait("Category", "Slow")]
    public void A_file_named_like_options_is_graded_as_that_one_file_by_the_documented_workflow()
    {
        // Base branch: priya's earlier, strong answer and ana's weak first draft. The pull request improves ana's
        // draft, and adds a weak answer whose name, split on spaces, reads "answers/priya/cover.md --fail-on none
        // cover.md", with a strong decoy cover.md at the root.
        var strong = TestGrader.ReadRepoFile("examples/video-recommendation/strong.md");
        _repo.Write(".grader.yaml", "root: true\n");
        _repo.Write("answers/priya/cover.md", strong);
        _repo.Write("answers/ana/week 1.md", Weak);
        _repo.Commit("base");
        _repo.Git("update-ref", "refs/remotes/origin/main", "HEAD");
        _repo.Git("checkout", "-q", "-b", "pr");
        const string hostile = "answers/priya/cover.md --fail-on none cover.md";
        _repo.Write(hostile, Weak);
        _repo.Write("cover.md", strong);
        _repo.Write("answers/ana/week 1.md", strong);

        // And a config of her own that would silence the rubric's findings: the workflow grades with the base's.
        _repo.Write("answers/priya/.grader.yaml", "rules:\n  MLSD0301: none\ncategories:\n  integrity: none\n");
        _repo.Commit("my answer");

        var (exit, stdout, stderr) = RunJob();

        // The weak answer is graded, and fails the workflow's --fail-under 50.
        Assert.True(exit == 1, $"exit {exit}\n{stderr}");
        var reports = stdout + string.Concat(new[] { "grader.sarif", "grader.md", "grader.html" }
            .Select(f => Path.Combine(_repo.Root, f)).Where(File.Exists).Select(File.ReadAllText));
        Assert.True(
            reports.Contains(hostile, StringComparison.Ordinal) || reports.Contains(hostile.Replace(" ", "%20", StringComparison.Ordinal), StringComparison.Ordinal),
            reports);

        // Graded in CI mode with the base branch's config; hers was looked at and ignored, and its findings stand.
        using var sarif = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(_repo.Root, "grader.sarif")));
        var run = sarif.RootElement.GetProperty("runs")[0];
        var provenance = run.GetProperty("properties").GetProperty("provenance");
        Assert.Equal("ci", provenance.GetProperty("mode").GetString());
        var configs = provenance.GetProperty("configs").EnumerateArray().ToList();
        Assert.Contains(configs, c => c.GetProperty("role").GetString() == "explicit" && c.GetProperty("used").GetBoolean());
        Assert.DoesNotContain(configs, c => c.GetProperty("path").GetString()!.Contains("priya", StringComparison.Ordinal) && c.GetProperty("used").GetBoolean());
        Assert.Contains(run.GetProperty("results").EnumerateArray(), r => r.GetProperty("ruleId").GetString() == "MLSD0301");

        // The comparison step read ana's answer, name with a space and all, at both revisions and posted it.
        var compare = File.ReadAllText(Path.Combine(_repo.Root, "compare.md"));
        Assert.Contains("week 1.md", compare, StringComparison.Ordinal);
        Assert.Contains("| monitoring |", compare, StringComparison.Ordinal);
        Assert.Contains("--body-file compare.md", File.ReadAllText(Path.Combine(_repo.Root, ".gh-calls")), StringComparison.Ordinal);
    }

    /// <summary>
    /// Every <c>run:</c> step of the documented job in one bash script, each in its own subshell as the runner starts
    /// a fresh shell per step; after a failure only <c>always()</c> steps run, and the job's status is the first failure.
    /// <c>gh</c> is a stand-in that records its arguments.
    /// </summary>
    private (int Exit, string Out, string Err) RunJob()
    {
        var markdown = TestGrader.ReadRepoFile("docs/ci.md");
        var block = WorkflowBlock().Match(markdown);
        Assert.True(block.Success, "docs/ci.md has no workflow block");
        var yaml = new YamlStream();
        yaml.Load(new StringReader(block.Groups[1].Value));
        var jobs = (YamlMappingNode)((YamlMappingNode)yaml.Documents[0].RootNode)["jobs"];
        var steps = (YamlSequenceNode)((YamlMappingNode)jobs.Children.Single().Value)["steps"];

        var bin = Path.Combine(_repo.Root, ".bin");
        Directory.CreateDirectory(bin);
        File.WriteAllText(Path.Combine(bin, "gh"), "#!/bin/sh\necho \"$*\" >> \"$GITHUB_WORKSPACE/.gh-calls\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(bin, "gh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var grader = Path.Combine(AppContext.BaseDirectory, "grader.dll");
        var script = new StringBuilder("""
            export GITHUB_WORKSPACE="$PWD" GITHUB_OUTPUT="$PWD/.github-output" GITHUB_STEP_SUMMARY="$PWD/.step-summary" PATH="$PWD/.bin:$PATH" RUNNER_TEMP="$PWD/.runner-temp"
            mkdir -p "$RUNNER_TEMP"
            status=0

            """);
        foreach (var step in steps.Cast<YamlMappingNode>())
        {
            var name = step.Children.TryGetValue("name", out var n) ? n.ToString() : "";
            if (!step.Children.TryGetValue("run", out var run) || name == "Build Grader")
            {
                continue;
            }

            var always = step.Children.TryGetValue("if", out var condition) && condition.ToString().Contains("always()", StringComparison.Ordinal);
            script.Append(always ? "(\n" : "[ $status -ne 0 ] || (\n");
            if (step.Children.TryGetValue("env", out var env))
            {
                foreach (var (key, value) in ((YamlMappingNode)env).Children)
                {
                    script.Append(Export(key.ToString(), Expressions(value.ToString())));
                }
            }

            script.Append(Expressions(run.ToString()).Replace("tools/grader/src/Grader.Cli/bin/Release/net10.0/grader.dll", $"'{grader}'", StringComparison.Ordinal));
            script.Append("\n) || { s=$?; [ $status -ne 0 ] || status=$s; }\n");
        }

        script.Append("exit $status\n");
        var path = Path.Combine(_repo.Root, ".steps.sh");
        File.WriteAllText(path, script.ToString());
        var start = new ProcessStartInfo("bash") { WorkingDirectory = _repo.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--noprofile", "--norc", "-eo", "pipefail", path })
        {
            start.ArgumentList.Add(a);
        }

        // As on the runner.
        start.Environment["CI"] = "true";
        start.Environment["GITHUB_ACTIONS"] = "true";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(180)), "the workflow steps did not finish");
        return (process.ExitCode, output.Result, error.Result);
    }

    private static string Export(string key, string value) => $"export {key}='{value.Replace("'", "'\\''", StringComparison.Ordinal)}'\n";

    // The runner fills ${{ … }} in before the shell sees the script: here the base branch is main, the rest empty.
    private static string Expressions(string text) => Expression().Replace(text, m => m.Groups[1].Value == "github.base_ref" ? "main" : "");

    [GeneratedRegex(@"```yaml\n(name: [^\n]*\n(?:(?!```)[\s\S])*?\njobs:[\s\S]*?)```")]
    private static partial Regex WorkflowBlock();

    [GeneratedRegex(@"\$\{\{\s*([^}\s]+)\s*\}\}")]
    private static partial Regex Expression();
}
