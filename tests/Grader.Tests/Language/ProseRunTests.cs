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
