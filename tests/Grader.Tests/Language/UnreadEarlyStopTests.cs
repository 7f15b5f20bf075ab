using CsCheck;
using Grader.Core.Detection;
using Grader.Core.Parsing;
using Grader.Tests.Support;

namespace Grader.Tests.Language;

/// <summary>
/// The engine asks only whether an answer is unread, and that question stops reading once no language can hold enough
/// of the letters: it must answer as the whole detection does, whatever the mix.
/// </summary>
public class UnreadEarlyStopTests
{
    // Paragraphs of the language answers (English, mixed, Latin-script and other scripts), so generated answers mix
    // languages paragraph by paragraph, in any order and share.
    private static readonly string[] Paragraphs = Directory
        .GetFiles(Path.Combine(TestGrader.RepoRoot, "tests", "Grader.Tests", "Language", "answers"), "*.md")
        .Order(StringComparer.Ordinal)
        .SelectMany(f => File.ReadAllText(f).Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n"))
        .Where(p => p.Trim().Length > 0 && !p.StartsWith("---", StringComparison.Ordinal))
        .ToArray();

    private static readonly Gen<string> Answer = Gen.Int[0, Paragraphs.Length - 1].Array[1, 24]
        .Select(picks => string.Join("\n\n", picks.Select(p => Paragraphs[p])) + "\n");

    [Fact]
    public void Stopping_early_gives_what_the_whole_detection_gives()
    {
        Answer.Sample(markdown =>
        {
            var document = MarkdownParser.Parse("a.md", markdown);
            var whole = LanguageDetector.Detect(document);
            Assert.Equal(whole.IsUnread ? whole : null, LanguageDetector.DetectUnread(document));
        }, iter: 2_000);
    }

    [Theory]
    [InlineData("es")]
    [InlineData("de")]
    [InlineData("zh")]
    [InlineData("en-es")]
    [InlineData("ko-mixed")]
    public void The_language_answers_are_unread_or_read_as_before(string file)
    {
        var document = MarkdownParser.Parse("a.md", TestGrader.ReadRepoFile($"tests/Grader.Tests/Language/answers/{file}.md"));
        var whole = LanguageDetector.Detect(document);
        Assert.Equal(whole.IsUnread ? whole : null, LanguageDetector.DetectUnread(document));
    }
}
