namespace Grader.Core.Text;

/// <summary>Splits prose into sentences without breaking on "e.g.", "vs." or decimals.</summary>
public static class Sentences
{
    private static readonly System.Buffers.SearchValues<char> Ends = System.Buffers.SearchValues.Create(".!?。！？");

    private static readonly string[] Abbreviations = ["e.g", "i.e", "vs", "etc", "approx", "cf", "fig", "eq", "dr", "mr", "ms", "no", "st", "al"];

    /// <summary>Start offset and length of each sentence within <paramref name="text"/>, trimmed of white space.</summary>
    public static IEnumerable<(int Start, int Length)> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<(int Start, int Length)>();
        foreach (var sentence in Ranges(text))
        {
            found.Add(sentence);
        }

        return found;
    }

    /// <summary>The same, read in place and enumerated without an allocation (the parser splits every paragraph).</summary>
    public static SentenceRanges Ranges(ReadOnlySpan<char> text) => new(text);

    /// <summary>The sentences of one text, as <see cref="Ranges"/> finds them.</summary>
    public ref struct SentenceRanges
    {
        private readonly ReadOnlySpan<char> _text;
        private int _start;
        private int _next;
        private bool _finished;

        internal SentenceRanges(ReadOnlySpan<char> text) => _text = text;

        public (int Start, int Length) Current { get; private set; }

        public readonly SentenceRanges GetEnumerator() => this;

        public bool MoveNext()
        {
            var text = _text;
            while (!_finished)
            {
                if (_next >= text.Length)
                {
                    _finished = true;
                    if (Trimmed(text, _start, text.Length) is { } last)
                    {
                        Current = last;
                        return true;
                    }

                    return false;
                }

                // Straight to the next mark that may end a sentence, by a vectorised search.
                var next = text[_next..].IndexOfAny(Ends);
                if (next < 0)
                {
                    _next = text.Length;
                    continue;
                }

                var i = _next + next;
                var c = text[i];

                // Swallow runs like "?!" or "..." and closing quotes/brackets.
                var j = i + 1;
                while (j < text.Length && text[j] is '.' or '!' or '?' or '"' or '\'' or ')' or ']' or '”' or '’')
                {
                    j++;
                }

                if ((j < text.Length && !char.IsWhiteSpace(text[j]) && c is not ('。' or '！' or '？')) || (c == '.' && IsAbbreviation(text, i)))
                {
                    _next = i + 1;
                    continue;
                }

                var sentence = Trimmed(text, _start, j);
                _start = j;
                _next = j;
                if (sentence is { } found)
                {
                    Current = found;
                    return true;
                }
            }

            return false;
        }
    }

    private static (int, int)? Trimmed(ReadOnlySpan<char> text, int start, int end)
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

    private static bool IsAbbreviation(ReadOnlySpan<char> text, int dot)
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
        word = word[..text.Slice(k + 1, length).ToLowerInvariant(word)];
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
