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

    public static bool IsFunctionWord(string lowerWord) => FunctionWordSet.Contains(lowerWord);

    public static int CountFunctionWords(IEnumerable<string> lowerWords) => lowerWords.Count(IsFunctionWord);

    /// <summary>
    /// A statement has at least <see cref="MinWords"/> words and is not a chain of one- or two-word terms
    /// ("two-tower, ANN, cold start, nDCG, drift").
    /// </summary>
    public static bool IsProse(string text, int wordCount)
    {
        if (wordCount < MinWords)
        {
            return false;
        }

        return !IsTermChain(text);
    }

    public static bool IsTermChain(string text)
    {
        // A chain needs at least three separators; most sentences have fewer, and cost nothing more here.
        var separators = 0;
        foreach (var c in text)
        {
            if (c is ',' or ';' or '|' or '·' or '•' or '/')
            {
                separators++;
            }
        }

        if (separators < 3)
        {
            return false;
        }

        var segments = text.Split([',', ';', '|', '·', '•', '/'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (segments.Length < 4)
        {
            return false;
        }

        var shortSegments = 0;
        var functionWords = 0;
        foreach (var segment in segments)
        {
            var words = Words.Tokenize(segment);
            if (words.Count <= 2)
            {
                shortSegments++;
            }

            functionWords += words.Count(w => IsFunctionWord(w.Word) && w.Word != "and");
        }

        return shortSegments * 5 >= segments.Length * 4 && functionWords <= 2;
    }
}
