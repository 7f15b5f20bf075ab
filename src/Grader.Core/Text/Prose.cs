using System.Buffers;
using System.Collections.Frozen;

namespace Grader.Core.Text;

/// <summary>Decides whether a piece of text is a statement or a bare term (or a chain of terms).</summary>
public static class Prose
{
    public const int MinWords = 4;

    private static readonly FrozenSet<string> FunctionWordSet = new[]
    {
        "a", "an", "the", "to", "of", "for", "in", "on", "at", "by", "with", "from", "into", "over", "per",
        "is", "are", "was", "were", "be", "been", "being", "am", "it", "its", "this", "that", "these", "those",
        "we", "our", "us", "you", "your", "they", "their", "them", "i", "my", "he", "she", "which", "who", "what",
        "when", "where", "why", "how", "because", "since", "so", "than", "then", "but", "or", "if", "not", "no",
        "can", "could", "will", "would", "should", "must", "may", "might", "do", "does", "did", "has", "have", "had",
        "as", "each", "every", "all", "any", "more", "most", "less", "only", "also", "too", "very", "there", "here",
    }.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> FunctionWordLookup =
        FunctionWordSet.GetAlternateLookup<ReadOnlySpan<char>>();

    // No function word is longer ("because").
    private const int LongestFunctionWord = 7;

    public static bool IsFunctionWord(string lowerWord) => FunctionWordSet.Contains(lowerWord);

    public static int CountFunctionWords(IEnumerable<string> lowerWords) => lowerWords.Count(IsFunctionWord);

    /// <summary>
    /// A statement has at least <see cref="MinWords"/> words and is not a chain of one- or two-word terms
    /// ("two-tower, ANN, cold start, nDCG, drift").
    /// </summary>
    public static bool IsProse(ReadOnlySpan<char> text, int wordCount)
    {
        if (wordCount < MinWords)
        {
            return false;
        }

        return !IsTermChain(text);
    }

    private static readonly SearchValues<char> ChainSeparators = SearchValues.Create(",;|·•/");

    public static bool IsTermChain(ReadOnlySpan<char> text)
    {
        // A chain needs at least three separators; most sentences have fewer, found by a vectorised search.
        var rest = text;
        var separators = 0;
        for (int at; (at = rest.IndexOfAny(ChainSeparators)) >= 0; rest = rest[(at + 1)..])
        {
            separators++;
        }

        if (separators < 3)
        {
            return false;
        }

        // Segments between separators, trimmed, the empty ones dropped (as Split with RemoveEmptyEntries and
        // TrimEntries gives them), read in place: words counted and function words looked up without a string each.
        // A sentence is told from a chain as soon as it has a third function word or more long segments (three words
        // or more) than a fifth of the segments it can have: most sentences with commas, before their end.
        int segments = 0, shortSegments = 0, functionWords = 0;
        Span<char> lower = stackalloc char[LongestFunctionWord];
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && text[i] is not (',' or ';' or '|' or '·' or '•' or '/'))
            {
                continue;
            }

            var segment = text[start..i];
            start = i + 1;
            if (segment.IsWhiteSpace())
            {
                continue;
            }

            segments++;
            var words = 0;
            var k = 0;
            while (Words.Next(segment, ref k, out var wordStart))
            {
                words++;
                var word = segment[wordStart..k];
                if (word.Length <= LongestFunctionWord)
                {
                    var lowered = lower[..Words.ToLower(word, lower)];
                    functionWords += FunctionWordLookup.Contains(lowered) && !lowered.SequenceEqual("and") ? 1 : 0;
                    if (functionWords > 2)
                    {
                        return false;
                    }
                }
            }

            shortSegments += words <= 2 ? 1 : 0;
            if ((segments - shortSegments) * 5 > separators + 1)
            {
                return false;
            }
        }

        if (segments < 4)
        {
            return false;
        }

        return shortSegments * 5 >= segments * 4 && functionWords <= 2;
    }
}
