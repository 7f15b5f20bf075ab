using CsCheck;
using Grader.Core.Parsing;
using Grader.Core.Text;

namespace Grader.Tests.Text;

/// <summary>
/// A sentence is read in place, as a slice of its paragraph: what is found in the slice must be what is found in a copy
/// of it, whatever stands around it (figures and words included, so a reader that strayed outside would find them).
/// </summary>
public sealed class InPlaceTextTests
{
    private static readonly string[] Fragments =
    [
        "We", "serve", "10M", "DAU", "at", "p99", "under", "200ms", "within", "half a second", "50k QPS", "230k/s", "1.2M/day",
        "2,000", "0.5 s", "for", "the first check", "$3", "per", "month", "12%", "of", "users", "800 million videos", "GPU",
        "10 GB", "每天有1亿日活用户。", "延迟200ms以内。", "2초", "a hundred milliseconds", ",", ".", "/", "or", "3 days", "ALS",
    ];

    private static readonly Gen<string> Text = Gen.Int[0, Fragments.Length - 1].Select(i => Fragments[i]).Array[0, 14].Select(words => string.Join(" ", words));

    // A text with another before and after it, and where it starts and how long it is.
    private static readonly Gen<(string Whole, int Start, int Length)> Embedded =
        Gen.Select(Text, Text, Text, (before, text, after) => (before + " " + text + " " + after, before.Length + 1, text.Length));

    [Fact]
    public void Figures_found_in_a_slice_are_those_found_in_its_copy()
    {
        Embedded.Sample(e =>
        {
            var copy = e.Whole.Substring(e.Start, e.Length);
            Assert.Equal(Quantities.Find(copy), Quantities.Find(e.Whole.AsMemory(e.Start, e.Length)));
        }, iter: 5_000);
    }

    [Fact]
    public void Stems_read_in_a_slice_are_those_of_its_copy()
    {
        Embedded.Sample(e =>
        {
            var copy = Stemmer.Tokens(e.Whole[e.Start..(e.Start + e.Length)]);
            var slice = Stemmer.Tokens(e.Whole.AsSpan(e.Start, e.Length));
            Assert.Equal(copy.Stems, slice.Stems);
            Assert.Equal(copy.Ids, slice.Ids);
        }, iter: 5_000);
    }

    [Fact]
    public void A_unit_is_equal_to_one_with_the_same_text_kept_elsewhere()
    {
        const string paragraph = "We rank by watch time. We retrain daily.";
        var slice = new TextUnit(1, UnitKind.Sentence, paragraph.AsMemory(23, 17), new SourceSpan(1, 24, 1, 40), 0, 0, 3, false);
        var copy = new TextUnit(1, UnitKind.Sentence, "We retrain daily.", new SourceSpan(1, 24, 1, 40), 0, 0, 3, false);
        Assert.Equal("We retrain daily.", slice.Text);
        Assert.Equal(copy, slice);
        Assert.Equal(copy.GetHashCode(), slice.GetHashCode());
        Assert.NotEqual(copy, copy with { Content = "We retrain weekly.".AsMemory() });
    }

    [Fact]
    public void A_copy_with_new_content_reads_its_own_text()
    {
        var unit = new TextUnit(0, UnitKind.Sentence, "We rank by watch time.", SourceSpan.None, 0, 0, 5, true);
        Assert.Equal("We rank by watch time.", unit.Text);
        Assert.Equal("We retrain daily.", (unit with { Content = "We retrain daily.".AsMemory() }).Text);
    }
}
