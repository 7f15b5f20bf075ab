using CsCheck;
using Grader.Core.Text;

namespace Grader.Tests.Text;

/// <summary>The repetition check must judge texts exactly as their trimmed, lower-cased copies would.</summary>
public class TrimmedIgnoreCaseTests
{
    // Letters whose lower case is not simply +32: the dotted and dotless i, the Kelvin sign, sharp s, and a Deseret pair
    // (a surrogate pair with a lower case of its own); whitespace the trim removes.
    private static readonly Gen<string> Piece = Gen.OneOf("a", "A", "b", "B", "\u0130", "i", "\u0131", "I", "\u212A", "k", "K",
        "\u00DF", "\u1E9E", "\U00010400", "\U00010428", " ", "\t", "\u00A0", ".");

    private static readonly Gen<string> Text = Piece.Array[0, 8].Select(p => string.Concat(p));

    // Equal exactly when the copies are, and then with equal hashes.
    private static bool Agrees(string x, string y)
    {
        var expected = string.Equals(x.Trim().ToLowerInvariant(), y.Trim().ToLowerInvariant(), StringComparison.Ordinal);
        return TrimmedIgnoreCase.Same(x, y) == expected && (!expected || TrimmedIgnoreCase.Hash(x) == TrimmedIgnoreCase.Hash(y));
    }

    [Fact]
    public void Judges_two_texts_as_their_trimmed_lower_cased_copies()
    {
        Gen.Select(Text, Text).Sample(Agrees, iter: 20_000);
    }

    [Fact]
    public void Texts_differing_only_in_case_and_surrounding_space_are_one_text()
    {
        // Pairs built to be equal, which random pairs rarely are.
        Gen.Select(Text, Gen.Bool.Array[8], Gen.OneOf("", " ", "\t ")).Sample((text, flips, pad) =>
        {
            var changed = string.Concat(text.Select((c, i) => flips[i % 8] ? char.ToUpperInvariant(c) : c)) + pad;
            return Agrees(text, changed);
        }, iter: 20_000);
    }

    [Fact]
    public void Tells_different_texts_apart()
    {
        Assert.False(TrimmedIgnoreCase.Same("We use ALS.", "We use als,"));
        Assert.True(TrimmedIgnoreCase.Same("  We use ALS.", "we use als.\t"));
    }
}
