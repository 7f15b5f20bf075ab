using System.Buffers;
using System.Collections.Concurrent;

namespace Grader.Core.Text;

/// <summary>
/// A deliberately small suffix stripper so that "labels", "labelled" and "labeling" meet. Terms and text go through
/// the same function, so consistency matters more than linguistic accuracy.
/// </summary>
public static class Stemmer
{
    // Lower-cased word -> its stem and the stem's id, shared by every answer and thread: most words of an answer were
    // seen in earlier answers (or earlier sentences), so neither the lower-cased word nor its stem is made again.
    // Bounded, so a corpus of made-up words cannot grow it without limit: past the bound, new words are stemmed as
    // before and not kept.
    private const int MaxCached = 50_000;
    private const int MaxCachedLength = 64;

    // Sized for the built-in rubrics' words (about 6,500 words and 4,000 stems after one answer): growing a concurrent
    // dictionary copies every entry, and set-up is most of a one-answer run.
    private const int StartingWords = 8192;
    private static readonly ConcurrentDictionary<string, (string Stem, int Id)> Cache = new(Environment.ProcessorCount, StartingWords, StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, (string Stem, int Id)>.AlternateLookup<ReadOnlySpan<char>> CacheBySpan =
        Cache.GetAlternateLookup<ReadOnlySpan<char>>();

    // Stem -> id, so matchers look tokens up by a number instead of hashing their text. Every stem of every phrase a
    // matcher is built from has one; a text's stems get one while the cache above takes new words, and otherwise
    // keep the id their stem already has or none (-1), which matchers then compare by text.
    private static readonly ConcurrentDictionary<string, int> Ids = new(Environment.ProcessorCount, StartingWords, StringComparer.Ordinal);
    private static int _lastId = -1;

    // Id -> stem, for texts that keep ids alone (see StemmedText). Grown and written under the lock; read without it,
    // as an id is handed out only after its stem is written.
    private static string[] _stemsById = new string[StartingWords];
    private static readonly Lock IdsLock = new();

    private static int _cached;

    // The same words' stem ids in a compact table (see WordIds): what stemming a text reads for each word. Holds only
    // words the cache above keeps, so the same bound holds.
    private static readonly WordIds WordIds = new(StartingWords * 2, StartingWords * 8);

    // Where Lower lower-cases a word before looking it up (a stackalloc per word would be zeroed every time).
    [ThreadStatic]
    private static char[]? t_lower;

    /// <summary>Stems of every word token of <paramref name="text"/>, lower-cased, in order.</summary>
    public static string[] StemAll(string text) => Tokens(text).Stems;

    /// <summary>The same stems, each with its id (see <see cref="StemmedText"/>).</summary>
    public static StemmedText Tokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Tokens(text.AsSpan());
    }

    /// <summary>The same for text read in place (a sentence inside its paragraph).</summary>
    public static StemmedText Tokens(ReadOnlySpan<char> text)
    {
        // First every word's place, lower-cased form and hash; then the compact table's slot of each, read all at once
        // (see WordIds.Probe); then each word's id, from the table or, for a word it has not kept, the cache.
        var scratch = text.Length > MaxKeptScratch ? new Scratch() : t_scratch ??= new Scratch();
        var count = scratch.Read(text);
        var hashes = scratch.Hashes.AsSpan(0, count);
        var firstSlots = scratch.FirstSlots.AsSpan(0, count);
        WordIds.Probe(hashes, firstSlots);

        var (buffer, idBuffer) = (scratch.Stems, scratch.Ids);
        var withoutId = false;
        for (var k = 0; k < count; k++)
        {
            var (start, length) = (scratch.Edges[2 * k], scratch.Lengths[k]);
            (string Stem, int Id) known;
            if (length > MaxCachedLength)
            {
                var stem = Stem(Lower(text.Slice(start, length)));
                known = (stem, IdOf(stem));
            }
            else
            {
                var key = scratch.Lowered.AsSpan(start, length);
                if (WordIds.TryGet(key, hashes[k], firstSlots[k], out var id))
                {
                    idBuffer[k] = id;
                    continue;
                }

                // A word the cache keeps (already, or from now on) goes in the compact table too.
                var kept = CacheBySpan.TryGetValue(key, out known);
                if (!kept)
                {
                    known = Remember(key.ToString(), out kept);
                }

                if (kept && known.Id >= 0)
                {
                    WordIds.Add(key, known.Id);
                }
            }

            withoutId |= known.Id < 0;
            buffer[k] = known.Stem;
            idBuffer[k] = known.Id;
        }

        var result = count == 0 ? StemmedText.Empty
            : withoutId ? new StemmedText(StemsOf(buffer.AsSpan(0, count), idBuffer.AsSpan(0, count)), idBuffer.AsSpan(0, count).ToArray())
            : new StemmedText(idBuffer.AsSpan(0, count).ToArray());
        buffer.AsSpan(0, count).Clear();
        return result;
    }

    // A text's words as Tokens reads them: where each starts (Edges[2k]) and how long it is, lower-cased at the same
    // place in Lowered (words longer than the cache keeps are not), and their hashes. Kept by the thread, grown as texts need.
    [ThreadStatic]
    private static Scratch? t_scratch;

    // A huge unit's scratch is not kept for the thread's life.
    private const int MaxKeptScratch = 1 << 16;

    private sealed class Scratch
    {
        public char[] Lowered = new char[256];
        public int[] Lengths = new int[64];
        public int[] Hashes = new int[64];
        public int[] FirstSlots = new int[64];

        // Each word's stem (only where it has no id) and stem id, as Tokens finds them.
        public string[] Stems = new string[64];
        public int[] Ids = new int[64];
        public int[] Edges = new int[257];

        public int Read(ReadOnlySpan<char> text)
        {
            if (Lowered.Length < text.Length)
            {
                Lowered = new char[text.Length];
            }

            // A word takes at least one character and a separator: at most half the text, rounded up.
            var most = (text.Length / 2) + 1;
            if (Lengths.Length < most)
            {
                (Lengths, Hashes, FirstSlots, Stems, Ids) = (new int[most], new int[most], new int[most], new string[most], new int[most]);
            }

            if (Edges.Length <= text.Length)
            {
                Edges = new int[text.Length + 1];
            }

            var count = Words.Bounds(text, Edges);

            // Lower-cased all at once, ASCII as most text is (ToLowerInvariant maps character to character, so a word's
            // lower-cased form stands at the same place); otherwise word by word, as a word never holds a surrogate.
            var ascii = System.Text.Ascii.ToLower(text, Lowered, out _) == OperationStatus.Done;
            for (var k = 0; k < count; k++)
            {
                var (start, length) = (Edges[2 * k], Edges[(2 * k) + 1] - Edges[2 * k]);
                var hash = 0;
                if (length <= MaxCachedLength)
                {
                    var lowered = ascii ? Lowered.AsSpan(start, length)
                        : Lowered.AsSpan(start, Words.ToLower(text.Slice(start, length), Lowered.AsSpan(start)));
                    length = lowered.Length;
                    hash = WordIds.HashOf(lowered);
                }

                (Lengths[k], Hashes[k]) = (length, hash);
            }

            return count;
        }
    }

    /// <summary>A phrase a matcher is built from: its stems, every one with an id.</summary>
    internal static StemmedText Phrase(string phrase)
    {
        var tokens = Tokens(phrase);
        for (var i = 0; i < tokens.Length; i++)
        {
            if (tokens.Ids[i] < 0)
            {
                tokens.Ids[i] = Intern(tokens.Stems[i]);
            }
        }

        return tokens;
    }

    /// <summary>The id of a stem a matcher is built from, given to it now if it has none.</summary>
    internal static int Intern(string stem) =>
        Ids.TryGetValue(stem, out var id) ? id : Ids.GetOrAdd(stem, NewId);

    // A new id and its stem in the table by id. GetOrAdd may call this twice for one stem; the id it does not keep is
    // never handed out.
    private static int NewId(string stem)
    {
        lock (IdsLock)
        {
            var id = ++_lastId;
            if (id == _stemsById.Length)
            {
                var bigger = new string[_stemsById.Length * 2];
                _stemsById.CopyTo(bigger, 0);
                Volatile.Write(ref _stemsById, bigger);
            }

            _stemsById[id] = stem;
            return id;
        }
    }

    /// <summary>The stem an id stands for.</summary>
    internal static string StemOf(int id) => Volatile.Read(ref _stemsById)[id];

    /// <summary>The stems a text's ids stand for.</summary>
    internal static string[] StemsOf(int[] ids) => StemsOf([], ids);

    // The same, where a stem without an id (-1) is taken from `stems` (Tokens keeps only the stems it looked up).
    private static string[] StemsOf(ReadOnlySpan<string> stems, ReadOnlySpan<int> ids)
    {
        var byId = Volatile.Read(ref _stemsById);
        var result = new string[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            result[i] = ids[i] < 0 ? stems[i] : byId[ids[i]];
        }

        return result;
    }

    /// <summary>The id a stem already has, or -1.</summary>
    internal static int IdOf(string stem) => Ids.TryGetValue(stem, out var id) ? id : -1;

    // A word seen for the first time: its stem, and both kept while the cache has room.
    private static (string Stem, int Id) Remember(string lowered) => Remember(lowered, out _);

    private static (string Stem, int Id) Remember(string lowered, out bool kept)
    {
        var stem = Stem(lowered);
        kept = _cached < MaxCached;
        if (!kept)
        {
            return (stem, IdOf(stem));
        }

        var known = (stem, Intern(stem));
        if (Cache.TryAdd(lowered, known))
        {
            Interlocked.Increment(ref _cached);
        }

        return known;
    }

    /// <summary>A word lower-cased, as <see cref="string.ToLowerInvariant()"/> would, from the cache when it is known.</summary>
    internal static string Lower(ReadOnlySpan<char> word)
    {
        if (word.Length > MaxCachedLength)
        {
            return word.ToString().ToLowerInvariant();
        }

        var lower = t_lower ??= new char[MaxCachedLength];
        var key = lower.AsSpan(0, Words.ToLower(word, lower));
        if (CacheBySpan.TryGetValue(key, out var known, out _))
        {
            return known;
        }

        var lowered = key.ToString();
        if (_cached < MaxCached)
        {
            Remember(lowered);
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
