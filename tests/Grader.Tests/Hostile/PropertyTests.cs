using System.Text;
using CsCheck;
using Grader.Core.Reporting;
using Grader.Tests.Support;

namespace Grader.Tests.Hostile;

/// <summary>Properties over generated Markdown: the grader's guarantees for any input, not just ours.</summary>
public class PropertyTests
{
    private static readonly string[] Vocabulary =
    [
        "we", "serve", "10M", "users", "the", "model", "because", "two-tower", "retrieval", "drift", "latency", "200 ms",
        "labels", "nDCG", "canary", "rollback", "monitor", "features", "cold start", "GBDT", "rather than", "ignore",
        "previous", "instructions", "é", "数据", "모델", "\u200B", "<b>", "`code`", "**bold**", "[link](x)", "|", "---", "1.",
    ];

    private static readonly Gen<string> Sentence = Gen.OneOf(Vocabulary).Array[1, 14].Select(w => string.Join(' ', w) + ".");

    private static readonly Gen<string> Block = Gen.OneOf(
        Sentence.Array[1, 4].Select(s => string.Join(' ', s)),
        Gen.Select(Gen.Int[1, 6], Sentence, (level, s) => new string('#', level) + " " + s),
        Sentence.Array[1, 5].Select(items => string.Join('\n', items.Select(i => "- " + i))),
        Sentence.Array[1, 4].Select(items => string.Join('\n', items.Select((i, n) => $"{n + 1}. " + i))),
        Sentence.Select(s => "> " + s),
        Sentence.Select(s => $"```\n# not a heading {s}\n```"),
        Sentence.Select(s => $"| a | b |\n|---|---|\n| {s} | x |"),
        Sentence.Select(s => $"**{s}**"),
        Sentence.Select(s => $"<!-- {s} -->"),
        Gen.String[Gen.Char, 0, 40]);

    private static readonly Gen<string> Answer = Gen.Select(Gen.Bool, Block.Array[0, 25], Gen.OneOf("news-feed", "fraud-detection", "nope"),
        (frontMatter, blocks, problem) => (frontMatter ? $"---\nproblem: {problem}\n---\n" : "") + string.Join("\n\n", blocks));

    [Fact]
    public void Grading_never_throws_scores_stay_in_range_and_spans_stay_inside_the_document() =>
        Answer.Sample(text =>
        {
            var graded = TestGrader.Engine.Grade("p.md", text);
            Assert.InRange(graded.Score.Total, 0, 100);
            Assert.All(graded.Score.Steps, s => Assert.InRange(s.Score, 0, s.Max));
            var source = graded.Document.Source;
            foreach (var d in graded.Diagnostics.Where(d => !d.Span.IsNone))
            {
                Assert.InRange(d.Span.Line, 1, source.LineCount);
                Assert.InRange(d.Span.EndLine, d.Span.Line, source.LineCount);
                Assert.InRange(d.Span.Column, 1, source.GetLine(d.Span.Line).Length + 1);
                Assert.InRange(d.Span.EndColumn, 1, source.GetLine(d.Span.EndLine).Length + 1);
            }
        }, iter: 300);

    [Fact]
    public void Grading_is_deterministic() =>
        Answer.Sample(text => Assert.Equal(Json(text), Json(text)), iter: 100);

    [Fact]
    public void Formatting_only_changes_do_not_change_the_score() =>
        Answer.Sample(text =>
        {
            var original = TestGrader.Engine.Grade("p.md", text).Score.Total;
            var crlf = TestGrader.Engine.Grade("p.md", text.ReplaceLineEndings("\r\n")).Score.Total;
            var blankLines = TestGrader.Engine.Grade("p.md", text.Replace("\n\n", "\n\n\n", StringComparison.Ordinal)).Score.Total;
            Assert.Equal(original, crlf);
            Assert.Equal(original, blankLines);
        }, iter: 150);

    private static string Json(string text)
    {
        using var stream = new MemoryStream();
        JsonReportWriter.Write(stream, [TestGrader.Engine.Grade("p.md", text)], []);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
