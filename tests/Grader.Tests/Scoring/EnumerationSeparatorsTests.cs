using CsCheck;
using Grader.Core.Analysis;

namespace Grader.Tests.Scoring;

/// <summary>An enumeration's separators are counted as a scan of every character and every " or " counts them.</summary>
public sealed class EnumerationSeparatorsTests
{
    [Fact]
    public void Separators_are_found_as_a_full_count_finds_them()
    {
        // Commas, semicolons, slashes and "or"s in any case and place, touching or overlapping (" or or ").
        var texts = Gen.OneOf<string>(",", ";", "/", " ", "o", "r", "or", "OR", "oR", " or ", "a", "é").Array[0, 20].Select(parts => string.Concat(parts));
        Gen.Select(texts, Gen.Int[0, 6]).Sample((text, wanted) =>
            Assert.Equal(FullCount(text) >= wanted, Enumeration.HasSeparators(text, wanted)), iter: 20_000);
    }

    [Theory]
    [InlineData("We could use A, B, C or D", 3, true)]
    [InlineData("We could use A, B, C OR D", 3, true)]
    [InlineData("A or B", 3, false)]
    [InlineData("color, order", 2, false)]
    public void Sentences(string text, int wanted, bool has) => Assert.Equal(has, Enumeration.HasSeparators(text, wanted));

    // The count as Enumeration made it before it stopped at what it needs.
    private static int FullCount(string text)
    {
        var count = text.Count(c => c is ',' or ';' or '/');
        for (var rest = text.AsSpan(); rest.IndexOf(" or ", StringComparison.OrdinalIgnoreCase) is var at and >= 0; rest = rest[(at + 4)..])
        {
            count++;
        }

        return count;
    }
}
