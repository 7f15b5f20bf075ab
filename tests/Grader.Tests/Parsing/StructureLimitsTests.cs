using CsCheck;
using Grader.Core.Parsing;

namespace Grader.Tests.Parsing;

/// <summary>The quick test for a text the structure limits leave alone counts the pairs they are about in one pass.</summary>
public sealed class StructureLimitsTests
{
    private static readonly Gen<string> Text = Gen.OneOf(Gen.Const('\n'), Gen.Const('-'), Gen.Const('='), Gen.Const(' '), Gen.Const(']'),
        Gen.Const(':'), Gen.Const('\r'), Gen.Char['a', 'z']).Array[0, 60].Select(c => new string(c));

    [Fact]
    public void Pairs_are_counted_as_counting_each_and_adding()
    {
        Text.Sample(text =>
        {
            var span = text.AsSpan();
            Assert.Equal(span.Count("]:"), StructureLimits.Followed(text, ']', ":"));
            Assert.Equal(span.Count("\n-") + span.Count("\n=") + span.Count("\n "), StructureLimits.Followed(text, '\n', "-= "));
        }, iter: 20_000);
    }

    [Fact]
    public void Text_within_every_limit_is_left_as_it_is()
    {
        var text = "| a | b |\n\n[a]: http://x\n\n" + string.Concat(Enumerable.Repeat("Title\n-----\n\n", StructureLimits.MaxSetextHeadings));
        var (limited, hits) = StructureLimits.Limit(text);
        Assert.Same(text, limited);
        Assert.Empty(hits);

        // One underlined heading more, and the surplus is neutralised and reported.
        var over = text + "Title\n-----\n";
        var (overLimited, overHits) = StructureLimits.Limit(over);
        Assert.NotEqual(over, overLimited);
        Assert.Single(overHits);
    }
}
