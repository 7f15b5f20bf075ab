namespace Grader.Core.Text;

/// <summary>Splits prose into sentences without breaking on "e.g.", "vs." or decimals.</summary>
public static class Sentences
{
    private static readonly System.Buffers.SearchValues<char> Ends = System.Buffers.SearchValues.Create(".!?。！？");

    private static readonly string[] Abbreviations = ["e.g", "i.e", "vs", "etc", "approx", "cf", "fig", "eq", "dr", "mr", "ms", "no", "st", "al"];

    /// <summary>Start offset and length of each sentence within <paramref name="text"/>, trimmed of white space.</summary>
    public static IEnumerable<(int Start, int Length)> Split(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            // Straight to the next mark that may end a sentence, by a vectorised search.
            var next = text.AsSpan(i).IndexOfAny(Ends);
            if (next < 0)
            {
                break;
            }

            i += next;
            var c = text[i];

            // Swallow runs like "?!" or "..." and closing quotes/brackets.
            var j = i + 1;
            while (j < text.Length && text[j] is '.' or '!' or '?' or '"' or '\'' or ')' or ']' or '”' or '’')
            {
                j++;
            }

            if (j < text.Length && !char.IsWhiteSpace(text[j]) && c is not ('。' or '！' or '？'))
            {
                continue;
            }

            if (c == '.' && IsAbbreviation(text, i))
            {
                continue;
            }

            if (Trimmed(text, start, j) is { } sentence)
            {
                yield return sentence;
            }

            start = j;
            i = j - 1;
        }

        if (Trimmed(text, start, text.Length) is { } last)
        {
            yield return last;
        }
    }

    private static (int, int)? Trimmed(string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return end > start ? (start, end - start) : null;
    }

    private static bool IsAbbreviation(string text, int dot)
    {
        var k = dot - 1;
        while (k >= 0 && (char.IsLetter(text[k]) || text[k] == '.'))
        {
            k--;
        }

        // No abbreviation is longer than this: a longer word is compared with none (and never lower-cased).
        var length = dot - (k + 1);
        if (length > 8)
        {
            return false;
        }

        Span<char> word = stackalloc char[8];
        word = word[..text.AsSpan(k + 1, length).ToLowerInvariant(word)];
        if (word.Length == 1 && char.IsLetter(word[0]))
        {
            return true; // initials, "A. B."
        }

        foreach (var abbreviation in Abbreviations)
        {
            if (word.SequenceEqual(abbreviation))
            {
                return true;
            }
        }

        return false;
    }
}
