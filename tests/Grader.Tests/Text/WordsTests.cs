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
    public void Ascii_letters_are_counted_as_a_character_by_character_count_counts_them()
    {
        // Eight characters at a time and the rest one by one; characters whose low byte is a letter (U+0141, U+0161) and
        // the neighbours of the letter ranges ('@', '[', '`', '{') catch a count that reads bytes or an edge wrongly.
        var characters = Gen.Frequency((3, Character), (1, Gen.OneOf('\u0141', '\u0161', '\u015A', '@', '[', '`', '{', 'A', 'z')));
        characters.Array[0, 40].Select(c => new string(c)).Sample(
            text => Words.CountAsciiLetters(text) == text.Count(char.IsAsciiLetter), iter: 20_000);
    }

    [Fact]
    public void Camel_case_is_a_lower_case_letter_right_before_an_upper_case_one()
    {
        // Short texts so pairs fall across and inside the eight-character steps; '@', '[', '`', '{' border the ranges.
        var characters = Gen.Frequency((2, Character), (3, Gen.OneOf('a', 'z', 'A', 'Z', '@', '[', '`', '{', ' ', '\u0161', '\u0141')));
        characters.Array[0, 30].Select(c => new string(c)).Sample(text => Words.HasCamelCase(text)
            == Enumerable.Range(1, Math.Max(0, text.Length - 1)).Any(k => char.IsAsciiLetterLower(text[k - 1]) && char.IsAsciiLetterUpper(text[k])), iter: 20_000);
    }

    [Fact]
    public void More_than_agrees_with_the_full_count()
    {
        Gen.Select(Text, Gen.Int[0, 12]).Sample(
            (text, most) => Words.MoreThan(text, most) == (Words.Count(text) > most), iter: 20_000);
    }

    // Text with runs of word characters, apostrophes and spaces, so words and their ends come often: mixed with other
    // scripts, or ASCII alone (read sixteen characters at a time), with apostrophes in some of those sixteen and not in others.
    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.OneOf(Character, Gen.OneOf(' ', '\'', 'a', 'Z', '7')).Array[0, 80].Select(c => new string(c)),
        Gen.OneOf(Gen.Char['\0', '\u007F'], Gen.OneOf(' ', 'a', 'Z', '7', '`', '{', '@', '[', '/', ':')).Array[0, 80].Select(c => new string(c)),
        Gen.OneOf(Gen.Char['\0', '\u007F'], Gen.OneOf(' ', '\'', 'a', 'z', '0', '9')).Array[0, 80].Select(c => new string(c)));

    [Fact]
    public void Words_are_the_runs_of_word_characters()
    {
        Text.Sample(text =>
        {
            var expected = new List<(int, int)>();
            for (var i = 0; i < text.Length;)
            {
                if (!Words.IsWordChar(text[i]))
                {
                    i++;
                    continue;
                }

                var start = i;
                while (i < text.Length && Words.IsWordChar(text[i]))
                {
                    i++;
                }

                expected.Add((start, i));
            }

            var found = new List<(int, int)>();
            var at = 0;
            while (Words.Next(text, ref at, out var begin))
            {
                found.Add((begin, at));
            }

            Assert.Equal(expected, found);
            Assert.Equal(text.Length, at);
        }, iter: 20_000);
    }

    [Fact]
    public void Bounds_finds_every_word_next_finds()
    {
        Text.Sample(text =>
        {
            var expected = new List<(int, int)>();
            var at = 0;
            while (Words.Next(text, ref at, out var begin))
            {
                expected.Add((begin, at));
            }

            // Filled with a marker, so a bound read from where nothing was written shows.
            var edges = Enumerable.Repeat(-7, text.Length + 1).ToArray();
            var count = Words.Bounds(text, edges);
            var found = Enumerable.Range(0, count).Select(k => (edges[2 * k], edges[(2 * k) + 1])).ToList();
            Assert.Equal(expected, found);
        }, iter: 20_000);
    }

    [Fact]
    public void A_count_is_of_word_starts_outside_a_word_apostrophes_continuing_one()
    {
        Text.Sample(text =>
        {
            // The definition: a word character starts a word unless a word, or a word and then apostrophes, is before it.
            var expected = 0;
            var inWord = false;
            foreach (var c in text)
            {
                var isWord = Words.IsWordChar(c);
                expected += isWord && !inWord ? 1 : 0;
                inWord = isWord || (inWord && c == '\'');
            }

            Assert.Equal(expected, Words.Count(text));
        }, iter: 20_000);
    }
}
