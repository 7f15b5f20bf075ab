using System.Buffers;
using System.Collections.Concurrent;

namespace Grader.Core.Text;

/// <summary>
/// A deliberately small suffix stripper so that "labels", "labelled" and "labeling" meet. Terms and text go through
/// the same function, so consistency matters more than linguistic accuracy.
/// </summary>
public static class Stemmer
{
    // Lower-cased word -> its stem, shared by every answer and thread: most words of an answer were seen in earlier
    // answers (or earlier sentences), so neither the lower-cased word nor its stem is made again. Bounded, so a corpus
    // of made-up words cannot grow it without limit: past the bound, new words are stemmed as before and not kept.
    private const int MaxCached = 50_000;
    private const int MaxCachedLength = 64;
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> CacheBySpan =
        Cache.GetAlternateLookup<ReadOnlySpan<char>>();

    private static int _cached;

    // Where Lower lower-cases a word before looking it up (a stackalloc per word would be zeroed every time).
    [ThreadStatic]
    private static char[]? t_lower;

    /// <summary>Stems of every word token of <paramref name="text"/>, lower-cased, in order.</summary>
    public static string[] StemAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // A word takes at least one character and a separator: at most half the text, rounded up.
        var buffer = ArrayPool<string>.Shared.Rent((text.Length / 2) + 1);
        var count = 0;
        Span<char> lower = stackalloc char[MaxCachedLength];
        var i = 0;
        while (Words.Next(text, ref i, out var start))
        {
            var word = text.AsSpan(start, i - start);
            string stem;
            if (word.Length > MaxCachedLength)
            {
                stem = Stem(string.Create(word.Length, (text, start), static (span, state) =>
                    state.text.AsSpan(state.start, span.Length).ToLowerInvariant(span)));
            }
            else
            {
                var key = lower[..word.ToLowerInvariant(lower)];
                if (!CacheBySpan.TryGetValue(key, out stem!))
                {
                    var lowered = key.ToString();
                    stem = Stem(lowered);
                    if (_cached < MaxCached && Cache.TryAdd(lowered, stem))
                    {
                        Interlocked.Increment(ref _cached);
                    }
                }
            }

            buffer[count++] = stem;
        }

        var stems = count == 0 ? [] : buffer.AsSpan(0, count).ToArray();
        buffer.AsSpan(0, count).Clear();
        ArrayPool<string>.Shared.Return(buffer);
        return stems;
    }

    /// <summary>A word lower-cased, as <see cref="string.ToLowerInvariant()"/> would, from the cache when it is known.</summary>
    internal static string Lower(ReadOnlySpan<char> word)
    {
        if (word.Length > MaxCachedLength)
        {
            return word.ToString().ToLowerInvariant();
        }

        var lower = t_lower ??= new char[MaxCachedLength];
        var key = lower.AsSpan(0, word.ToLowerInvariant(lower));
        if (CacheBySpan.TryGetValue(key, out var known, out _))
        {
            return known;
        }

        var lowered = key.ToString();
        if (_cached < MaxCached && Cache.TryAdd(lowered, Stem(lowered)))
        {
            Interlocked.Increment(ref _cached);
        }

        return lowered;
    }

    public static string Stem(string word)
    {
        if (word.Length <= 3 || !IsAsciiLetters(word))
        {
            return word;
        }

        var w = word;
        if (w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 4)
        {
            w = w[..^3] + "y";
        }
        else if (w.EndsWith("sses", StringComparison.Ordinal))
        {
            w = w[..^2];
        }
        else if (w.EndsWith("ses", StringComparison.Ordinal) && w.Length > 5 && w[^4] is 'a' or 'u' or 'i')
        {
            w = w[..^2];
        }
        else if (EndsWithAny(w, "ches", "shes", "xes", "zes"))
        {
            w = w[..^2];
        }
        else if (w[^1] == 's' && w[^2] is not ('s' or 'u' or 'i' or 'a') && w.Length > 3)
        {
            w = w[..^1];
        }

        if (w.EndsWith("ing", StringComparison.Ordinal) && w.Length - 3 >= 4)
        {
            w = UndoubleConsonant(w[..^3]);
        }
        else if (w.EndsWith("ed", StringComparison.Ordinal) && w.Length - 2 >= 4)
        {
            w = UndoubleConsonant(w[..^2]);
        }
        else if (w[^1] == 'e' && w.Length > 4)
        {
            // "decode" meets "decoded" and "decoding" (both lose the e above).
            w = w[..^1];
        }

        return w;
    }

    private static string UndoubleConsonant(string w) =>
        w.Length > 4 && w[^1] == w[^2] && w[^1] is 'l' or 't' or 'p' or 'n' or 'g' or 'd' or 'm' or 'r' or 'b'
            ? w[..^1]
            : w;

    private static bool EndsWithAny(string w, params ReadOnlySpan<string> suffixes)
    {
        foreach (var s in suffixes)
        {
            if (w.EndsWith(s, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAsciiLetters(string w)
    {
        foreach (var c in w)
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }

        return true;
    }
}
