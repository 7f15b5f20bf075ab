using System.Globalization;
using CsCheck;
using Grader.Core.Text;

namespace Grader.Tests.Text;

/// <summary>The word scanner's fast paths must agree with the definitions they stand for.</summary>
public class WordsTests
{
    private static readonly Gen<char> Character = Gen.OneOf(
        Gen.Char['\0', '\u007F'], Gen.OneOf('\u00C9', '\u00E9', '\u0130', '\u0131', '\u212A', '\u0301', '\u0903', '\u4E2D', '\uAC00', '\u00A0', '\u2019'));

    [Fact]
    public void Lower_casing_is_ToLowerInvariant()
    {
        Character.Array[0, 12].Select(c => new string(c)).Sample(word =>
        {
            var destination = new char[word.Length];
            var written = Words.ToLower(word, destination);
            var expected = word.ToLowerInvariant();
            return written == word.Length && string.Equals(new string(destination), expected, StringComparison.Ordinal);
        }, iter: 20_000);
    }

    [Fact]
    public void A_word_character_is_a_letter_digit_or_combining_mark()
    {
        Character.Sample(c => Words.IsWordChar(c) == (char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c)
            is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark), iter: 5_000);
    }

    [Fact]
    public void More_than_agrees_with_the_full_count()
    {
        Gen.Select(Gen.OneOf(Character, Gen.OneOf(' ', '\'', 'a')).Array[0, 40].Select(c => new string(c)), Gen.Int[0, 12]).Sample(
            (text, most) => Words.MoreThan(text, most) == (Words.Count(text) > most), iter: 20_000);
    }
}
