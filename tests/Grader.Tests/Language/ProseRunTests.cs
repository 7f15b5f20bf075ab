using CsCheck;
using Grader.Core.Detection;

namespace Grader.Tests.Language;

/// <summary>Language detection skips the URL and code tests for runs its prefilter rules out: it must never rule out one they would catch.</summary>
public class ProseRunTests
{
    // Printable ASCII (what a run is made of), weighted towards the characters the two tests look at.
    private static readonly Gen<string> Run = Gen.OneOf(
            Gen.Char['!', '~'], Gen.Char['a', 'z'], Gen.Char['A', 'Z'], Gen.OneOf('w', 'W', '.', ':', '/', '(', '_', '='))
        .Array[1, 14].Select(c => new string(c));

    [Fact]
    public void The_prefilter_passes_every_url_and_code_run()
    {
        Run.Sample(run => !LanguageDetector.IsUrlOrCode(run) || LanguageDetector.MayBeUrlOrCode(run), iter: 50_000);
    }

    [Fact]
    public void A_unit_ruled_out_as_a_whole_has_no_url_or_code_run()
    {
        // Runs joined by spaces, line breaks and non-ASCII letters (a run is printable ASCII, so those end it).
        var text = Gen.OneOf(Run, Gen.OneOf(" ", "\n", "é", " (", "Goal: ", "www", "e.g.")).Array[0, 8].Select(string.Concat);
        text.Sample(t => LanguageDetector.MayHoldUrlOrCode(t) || Runs(t).All(r => !LanguageDetector.IsUrlOrCode(r)), iter: 50_000);
    }

    [Theory]
    [InlineData("We rank (by recency). Goal: relevance, at 10.5 ms.", false)]
    [InlineData("Serve from www. then", true)]
    [InlineData("Use PyTorch here", true)]
    [InlineData("see https://x.org", true)]
    [InlineData("see ftp://host", true)]
    [InlineData("a::b", true)]
    [InlineData("call f(x) now", true)]
    public void Units_are_ruled_out_only_without_the_marks(string text, bool may) =>
        Assert.Equal(may, LanguageDetector.MayHoldUrlOrCode(text));

    // The maximal runs of printable ASCII, as the language tally reads them.
    private static IEnumerable<string> Runs(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, "[!-~]+").Select(m => m.Value);

    [Theory]
    [InlineData("https://example.com", true)]
    [InlineData("www.example.com", true)]
    [InlineData("user_id", true)]
    [InlineData("getUser", true)]
    [InlineData("a::b", true)]
    [InlineData("f(x)", true)]
    [InlineData("model.fit", true)]
    [InlineData("ranking,", false)]
    [InlineData("words", false)]
    public void Runs_are_told_apart(string run, bool urlOrCode)
    {
        Assert.Equal(urlOrCode, LanguageDetector.IsUrlOrCode(run));
        Assert.Equal(urlOrCode, LanguageDetector.MayBeUrlOrCode(run) && LanguageDetector.IsUrlOrCode(run));
    }
}
