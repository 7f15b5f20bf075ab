namespace Grader.Core.Text;

/// <summary>Splits prose into sentences without breaking on "e.g.", "vs." or decimals.</summary>
public static class Sentences
{
    private static readonly string[] Abbreviations = ["e.g", "i.e", "vs", "etc", "approx", "cf", "fig", "eq", "dr", "mr", "ms", "no", "st", "al"];

    /// <summary>Start offset and length of each sentence within <paramref name="text"/>, trimmed of white space.</summary>
    public static IEnumerable<(int Start, int Length)> Split(string text)
    {
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var ends = c is '.' or '!' or '?' or '。' or '！' or '？';
            if (!ends)
            {
                continue;
            }

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

            foreach (var s in Trimmed(text, start, j))
            {
                yield return s;
            }

            start = j;
            i = j - 1;
        }

        foreach (var s in Trimmed(text, start, text.Length))
        {
            yield return s;
        }
    }

    private static IEnumerable<(int, int)> Trimmed(string text, int start, int end)
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
            yield return (start, end - start);
        }
    }

    private static bool IsAbbreviation(string text, int dot)
    {
        var k = dot - 1;
        while (k >= 0 && (char.IsLetter(text[k]) || text[k] == '.'))
        {
            k--;
        }

        var word = text[(k + 1)..dot].ToLowerInvariant();
        if (word.Length == 1 && char.IsLetter(word[0]))
        {
            return true; // initials, "A. B."
        }

        return Array.IndexOf(Abbreviations, word) >= 0;
    }
}
