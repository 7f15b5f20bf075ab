using System.Text;
using System.Text.RegularExpressions;
using Grader.Core.Reporting;
using Grader.Tests.Support;

namespace Grader.Tests.Reporting;

public class GitHubReportWriterTests
{
    private static string Render(IReportWriter writer, params string[] files)
    {
        var results = files.Select(f => TestGrader.Engine.Grade(f, TestGrader.ReadRepoFile(f))).ToList();
        using var stream = new MemoryStream();
        writer.Write(stream, new GradeRun([.. results], [new ReadError("broken.md", "cannot read: denied")]));
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void Annotations_come_most_important_first_and_stay_within_ten_per_level()
    {
        var lines = Render(new GitHubReportWriter(), [.. TestGrader.ExampleFiles().Where(f => f.EndsWith("weak.md", StringComparison.Ordinal))]).Split('\n');
        var levels = lines.Where(l => Regex.IsMatch(l, "^::(error|warning|notice) ") && !l.Contains("more", StringComparison.Ordinal))
            .Select(l => l[2..l.IndexOf(' ', StringComparison.Ordinal)]).ToList();
        Assert.Equal("error", levels[0]);
        Assert.Equal(levels.OrderBy(l => l switch { "error" => 0, "warning" => 1, _ => 2 }), levels);
        Assert.All(levels.GroupBy(l => l), g => Assert.True(g.Count() <= GitHubReportWriter.PerLevelLimit));
        Assert.Contains(lines, l => l.StartsWith("::notice title=grader::", StringComparison.Ordinal) && l.Contains("more warning findings", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("::error file=broken.md,title=grader::cannot read", StringComparison.Ordinal));
    }

    [Fact]
    public void A_batch_s_annotations_are_spread_across_its_answers_costliest_first()
    {
        var weak = TestGrader.ExampleFiles().Where(f => f.EndsWith("weak.md", StringComparison.Ordinal)).ToArray();
        Assert.True(weak.Length >= 5);
        var warnings = Render(new GitHubReportWriter(), weak).Split('\n').Where(l => l.StartsWith("::warning file=", StringComparison.Ordinal)).ToList();
        Assert.Equal(GitHubReportWriter.PerLevelLimit, warnings.Count);

        // Every answer gets its turn before any gets a second one.
        var files = warnings.Select(l => l["::warning file=".Length..l.IndexOf(',', StringComparison.Ordinal)]).ToList();
        Assert.Equal(Math.Min(weak.Length, GitHubReportWriter.PerLevelLimit), files.Take(weak.Length).Distinct().Count());
    }

    [Fact]
    public void Workflow_command_values_are_escaped()
    {
        var text = Render(new GitHubReportWriter(), "examples/video-recommendation/weak.md");
        var line = text.Split('\n').First(l => l.Contains("MLSD0201", StringComparison.Ordinal));
        Assert.Contains("title=MLSD0201%3A Requirements give no numbers::", line, StringComparison.Ordinal);
        Assert.Matches(@"^::warning file=examples/video-recommendation/weak\.md,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=", line);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void The_markdown_report_fits_in_a_pull_request_comment()
    {
        var files = Enumerable.Repeat(TestGrader.ExampleFiles().ToArray(), 8).SelectMany(f => f).ToArray();
        var text = Render(new MarkdownReportWriter(), files);
        Assert.True(text.Length <= MarkdownReportWriter.MaxLength, $"{text.Length} characters");
        Assert.Contains("details omitted to fit a comment", text, StringComparison.Ordinal);
        Assert.Equal(files.Length + 1, text.Split('\n').Count(l => l.StartsWith("| `", StringComparison.Ordinal)));
    }
}
