using System.Diagnostics;
using System.Text.Json;
using Grader.Core.Comparison;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;
using Grader.Tests.Support;
using Grader.Validity;

namespace Grader.Tests.Comparison;

public class CompareTests
{
    private const string Example = "examples/video-recommendation/strong.md";

    private static Revision Graded(string label, string text) => new(label, TestGrader.Engine.Grade("answer.md", text, "video-recommendation"));

    private static string WithoutMonitoring()
    {
        var text = TestGrader.ReadRepoFile(Example);
        var full = TestGrader.Engine.Grade("answer.md", text, "video-recommendation");
        return Perturb.RemoveSteps(text, full, TestGrader.Engine.Mapper("video-recommendation"), [FrameworkStep.Monitoring]);
    }

    [Fact]
    public void A_revision_that_adds_a_monitoring_step_fixes_the_monitoring_findings_and_raises_the_score()
    {
        var comparison = RevisionComparer.Compare(Graded("v1", WithoutMonitoring()), Graded("v2", TestGrader.ReadRepoFile(Example)));
        Assert.True(comparison.Delta > 5, $"delta {comparison.Delta}");
        Assert.True(comparison.Steps.Single(s => s.Step == FrameworkStep.Monitoring).Delta > 5);
        Assert.Contains(comparison.Fixed, f => f.Diagnostic.Id == DiagnosticIds.StepMissing && f.Diagnostic.Step == FrameworkStep.Monitoring);
        Assert.DoesNotContain(comparison.Added, f => f.Diagnostic.Step == FrameworkStep.Monitoring);
    }

    [Theory]
    [InlineData("examples/video-recommendation/weak.md", "## Model", "## Model development")]
    [InlineData("examples/video-recommendation/partial.md", "## 4) Model", "## 4) Choosing and training the model")]
    public void Rewording_a_heading_and_adding_a_sentence_keeps_every_finding_s_identity(string file, string heading, string reworded)
    {
        var text = TestGrader.ReadRepoFile(file).ReplaceLineEndings("\n");
        Assert.Contains(heading + "\n", text, StringComparison.Ordinal);
        var edited = text.Replace(heading + "\n", reworded + "\n\nWe wrote this part of the answer last.\n", StringComparison.Ordinal);
        var comparison = RevisionComparer.Compare(Graded("v1", text), Graded("v2", edited));

        // A finding reported as both fixed and new is the same finding that lost its identity.
        static string Identity(TrackedFinding f) => $"{f.Diagnostic.Id} {f.Diagnostic.Step} {f.Diagnostic.CriterionId}";
        var both = comparison.Fixed.Select(Identity).Intersect(comparison.Added.Select(Identity)).ToList();
        Assert.True(both.Count == 0, "fixed and new at once: " + string.Join(", ", both));
        Assert.NotEmpty(comparison.Unchanged);
    }

    [Fact]
    public void A_batch_keeps_the_fingerprints_of_a_single_grade()
    {
        // Large batches keep compacted results; JSON, SARIF and baselines must fingerprint them alike.
        var result = TestGrader.Engine.Grade("answer.md", TestGrader.ReadRepoFile(Example), "video-recommendation");
        Assert.Equal(Fingerprints.Of(result).ToArray(), Fingerprints.Of(result.Compact()).ToArray());
    }

    [Fact]
    public void Moving_paragraphs_around_yields_no_new_or_fixed_findings()
    {
        var text = TestGrader.ReadRepoFile(Example);
        var lines = text.Split('\n').ToList();

        // Swap the first two paragraphs of every section: the same words, at other lines.
        var moved = SwapParagraphsInSections(lines);
        Assert.NotEqual(text, moved);
        var comparison = RevisionComparer.Compare(Graded("before", text), Graded("after", moved));
        Assert.Empty(comparison.Fixed);
        Assert.Empty(comparison.Added);
        Assert.NotEmpty(comparison.Unchanged);
        Assert.Contains(comparison.Unchanged, u => u.Diagnostic.Span.Line > 0);
    }

    private static string SwapParagraphsInSections(List<string> lines)
    {
        var output = new List<string>();
        var i = 0;
        while (i < lines.Count)
        {
            output.Add(lines[i]);
            if (!lines[i].StartsWith("## ", StringComparison.Ordinal))
            {
                i++;
                continue;
            }

            // After a heading: blank, paragraph A (one line), blank, paragraph B (one line) -> B then A.
            if (i + 4 < lines.Count && lines[i + 1].Length == 0 && IsParagraph(lines[i + 2]) && lines[i + 3].Length == 0 && IsParagraph(lines[i + 4]))
            {
                output.AddRange(["", lines[i + 4], "", lines[i + 2]]);
                i += 5;
                continue;
            }

            i++;
        }

        return string.Join('\n', output);
    }

    private static bool IsParagraph(string line) => line.Length > 0 && char.IsLetter(line[0]);

    [Fact]
    [Trait("Category", "Slow")]
    public void Compare_reads_files_and_prints_json_and_markdown()
    {
        using var tree = new TempFolder();
        var old = tree.Write("v1.md", WithoutMonitoring());
        var current = tree.Copy(Example, "v2.md");
        var (exit, output, _) = TestGrader.RunCli("compare", old, current, "--format", "json");
        Assert.Equal(0, exit);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.True(json.GetProperty("delta").GetDouble() > 5);
        Assert.NotEmpty(json.GetProperty("findings").GetProperty("fixed").EnumerateArray());
        Assert.Equal(7, json.GetProperty("sections").GetArrayLength());
        var markdown = TestGrader.RunCli("compare", old, current, "--format", "markdown").Out;
        Assert.Contains("| monitoring |", markdown, StringComparison.Ordinal);
        Assert.Contains("**Fixed**", markdown, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Compare_and_history_read_revisions_through_git_and_list_every_commit()
    {
        using var tree = new TempFolder();
        Git(tree.Root, "init", "-q", "-b", "main");
        var answer = tree.Write("answers/ana.md", "---\nproblem: video-recommendation\n---\n## Requirements\n\nWe serve users.\n");
        Git(tree.Root, "add", ".");
        Git(tree.Root, "commit", "-q", "-m", "first draft");
        tree.Write("answers/ana.md", WithoutMonitoring());
        Git(tree.Root, "commit", "-q", "-am", "most of the design");
        tree.Write("notes.md", "unrelated");
        Git(tree.Root, "add", ".");
        Git(tree.Root, "commit", "-q", "-m", "unrelated notes");
        tree.Copy(Example, "answers/ana.md");
        Git(tree.Root, "commit", "-q", "-am", "add monitoring");

        var (exit, output, error) = TestGrader.RunCli("history", answer, "--format", "json");
        Assert.True(exit == 0, error);
        var commits = JsonDocument.Parse(output).RootElement.GetProperty("commits").EnumerateArray().ToList();
        Assert.Equal(["first draft", "most of the design", "add monitoring"], commits.Select(c => c.GetProperty("subject").GetString()));
        var scores = commits.Select(c => c.GetProperty("score").GetDouble()).ToList();
        Assert.True(scores[0] < scores[1] && scores[1] < scores[2], string.Join(", ", scores));

        var html = TestGrader.RunCli("history", answer, "--format", "html").Out;
        Assert.Contains("<polyline", html, StringComparison.Ordinal);
        Assert.Equal(3, html.Split("<circle").Length - 1);

        var viaRevisions = JsonDocument.Parse(TestGrader.RunCli("compare", $"HEAD~2:{answer}", $"HEAD:{answer}", "--format", "json").Out).RootElement;
        var viaGit = JsonDocument.Parse(TestGrader.RunCli("compare", "--git", "HEAD~2", "HEAD", answer, "--format", "json").Out).RootElement;
        Assert.Equal(viaRevisions.GetProperty("delta").GetDouble(), viaGit.GetProperty("delta").GetDouble());
        Assert.True(viaGit.GetProperty("delta").GetDouble() > 5);
        Assert.Contains(viaGit.GetProperty("findings").GetProperty("fixed").EnumerateArray(), f => f.GetProperty("section").GetString() == "monitoring");

        var (badExit, _, badError) = TestGrader.RunCli("compare", $"nosuchrev:{answer}", answer);
        Assert.Equal(2, badExit);
        Assert.Contains("'nosuchrev' is not a commit in this repository", badError, StringComparison.Ordinal);
    }

    private static void Git(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false" }.Concat(args))
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
    }
}
