using CsCheck;
using Grader.Core.Text;

namespace Grader.Tests.Text;

/// <summary>The sentence splitter jumps from mark to mark; it must split as reading every character does.</summary>
public class SentencesTests
{
    private static readonly Gen<string> Prose = Gen.OneOf(
            Gen.OneOf('.', '!', '?', '。', '！', '？', ' ', '\n', '"', ')', '’', 'e', 'g', 'i', 'v', 's', '3'),
            Gen.Char['a', 'z'])
        .Array[0, 60].Select(c => new string(c));

    [Fact]
    public void Splits_as_the_character_by_character_definition() =>
        Prose.Sample(text => Sentences.Split(text).SequenceEqual(Reference(text)), iter: 20_000);

    [Fact]
    public void Abbreviations_and_decimals_do_not_end_a_sentence() =>
        Assert.Equal(["We use e.g. GBDT with 0.5 weight.", "Then we ship!"],
            Sentences.Split("We use e.g. GBDT with 0.5 weight. Then we ship!").Select(s => "We use e.g. GBDT with 0.5 weight. Then we ship!".Substring(s.Start, s.Length)));

    // Every character read in turn: a mark ends a sentence when white space (or the end) follows it and its closing
    // run, or it is a full-width mark, and a period is not an abbreviation's.
    private static List<(int Start, int Length)> Reference(string text)
    {
        var result = new List<(int Start, int Length)>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is not ('.' or '!' or '?' or '。' or '！' or '？'))
            {
                continue;
            }

            var j = i + 1;
            while (j < text.Length && text[j] is '.' or '!' or '?' or '"' or '\'' or ')' or ']' or '”' or '’')
            {
                j++;
            }

            if (j < text.Length && !char.IsWhiteSpace(text[j]) && c is not ('。' or '！' or '？'))
            {
                continue;
            }

            if (c == '.' && IsAbbreviationEnd(text, i))
            {
                continue;
            }

            Add(result, text, start, j);
            start = j;
            i = j - 1;
        }

        Add(result, text, start, text.Length);
        return result;
    }

    private static bool IsAbbreviationEnd(string text, int dot)
    {
        var k = dot - 1;
        while (k >= 0 && (char.IsLetter(text[k]) || text[k] == '.'))
        {
            k--;
        }

        var word = text.Substring(k + 1, dot - (k + 1));
        return word.Length <= 8 && ((word.Length == 1 && char.IsLetter(word[0])) || Abbreviations.Contains(word.ToLowerInvariant()));
    }

    private static readonly string[] Abbreviations = ["e.g", "i.e", "vs", "etc", "approx", "cf", "fig", "eq", "dr", "mr", "ms", "no", "st", "al"];

    private static void Add(List<(int Start, int Length)> result, string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            result.Add((start, end - start));
        }
    }
}
