using System.Collections.Frozen;

namespace Grader.Core.Text;

/// <summary>English words that carry no topic ("how", "do", "we", "the"): a heading is judged by its other words.</summary>
public static class FunctionWords
{
    private static readonly FrozenSet<string> Stems = new[]
    {
        "a", "an", "the", "and", "or", "of", "for", "to", "in", "on", "at", "by", "with", "from", "into", "about", "as",
        "is", "are", "was", "be", "been", "being", "do", "does", "did", "doing", "it", "its", "it's", "this", "that",
        "these", "those", "we", "our", "us", "you", "your", "i", "my", "they", "their", "them", "he", "she", "what",
        "which", "who", "whom", "how", "why", "when", "where", "whether", "if", "then", "so", "than", "not", "no",
        "can", "could", "should", "would", "will", "shall", "may", "might", "must", "have", "has", "had", "some", "any",
        "all", "each", "every", "one", "part", "step", "stage", "phase", "section", "chapter", "question", "answer",
        "let", "let's", "here", "there", "up", "out", "over", "after", "before", "again", "also", "just", "very",
    }.Select(Stemmer.Stem).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True for the stem of a function word.</summary>
    public static bool Contains(string stem) => Stems.Contains(stem);
}
