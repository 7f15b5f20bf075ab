using System.Text;
using Grader.Core.Reporting;
using Grader.Tests.Support;

namespace Grader.Tests.Reporting;

public class MarkdownReportWriterTests
{
    private static string Render(GradeRun run)
    {
        using var stream = new MemoryStream();
        new MarkdownReportWriter().Write(stream, run);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void Two_thousand_answers_stay_under_the_comment_limit_and_say_how_many_are_not_shown()
    {
        var weak = TestGrader.Engine.Grade("w.md", TestGrader.ReadRepoFile("examples/video-recommendation/weak.md")).Compact();
        var results = Enumerable.Range(1, 2000).Select(i => weak with { Path = $"answers/student-{i:0000}/answer.md" }).ToList();

        var text = Render(new GradeRun([.. results], [new ReadError("answers/zed/broken.md", "cannot read")]));

        Assert.True(text.Length <= MarkdownReportWriter.MaxLength, $"{text.Length} characters");
        var rows = text.Split('\n').Count(l => l.StartsWith("| `answers/", StringComparison.Ordinal));
        Assert.InRange(rows, 100, 2000);
        Assert.Contains($"\n_{2001 - rows} more answers not shown; see the full report._\n", text, StringComparison.Ordinal);
        Assert.Contains("_2000 answers' details omitted to fit a comment; see the full report._", text, StringComparison.Ordinal);
        ReportChecks.InertMarkdown(text);
    }

    [Fact]
    public void One_huge_message_is_cut_rather_than_pushing_every_answer_out()
    {
        var weak = TestGrader.Engine.Grade("w.md", TestGrader.ReadRepoFile("examples/video-recommendation/weak.md")).Compact();
        var huge = weak with { Path = new string('x', 100_000) + ".md" };

        var text = Render(new GradeRun([huge, weak], []));

        Assert.True(text.Length <= MarkdownReportWriter.MaxLength, $"{text.Length} characters");
        Assert.Contains("`w.md`", text, StringComparison.Ordinal);
        Assert.Contains("x…` |", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split("<details>").Length - 1);
    }
}
