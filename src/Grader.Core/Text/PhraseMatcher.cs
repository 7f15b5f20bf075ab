using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Grader.Core.Text;

/// <summary>
/// Finds phrases in stemmed token sequences. Phrases are matched on whole tokens after stemming, so
/// "A/B testing" meets "a/b test" and "labelled" meets "labels". Built once per rubric and shared across threads.
/// </summary>
public sealed class PhraseMatcher<TKey>
    where TKey : notnull
{
    // Every phrase's stem ids and stems one after another, phrase p at [_start[p], _start[p + 1]), ordered by first
    // stem, then longest first (so the first hit at a position is the most specific), then as given. A few flat arrays
    // instead of objects per phrase and per stem: matchers live as long as the process, and every object they keep is
    // one more for the collector to trace and move during set-up, most of a one-answer run.
    private readonly int[] _ids;
    private readonly string[] _stems;
    private readonly int[] _start;
    private readonly TKey[] _keys;

    // Per first stem, its phrases (see Entry); _lists holds each entry's one-token phrases, then those whose second
    // stem is "k"; _seconds/_secondPhrases the others, sorted by second stem, then phrase.
    private readonly StemIndex<Entry> _byFirstStem;
    private readonly int[] _lists;
    private readonly int[] _seconds;
    private readonly int[] _secondPhrases;

    public PhraseMatcher(IEnumerable<(string Phrase, TKey Key)> phrases)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        var all = new List<(StemmedText Stems, TKey Key)>();
        var tokens = 0;
        foreach (var (phrase, key) in phrases)
        {
            var stems = Stemmer.Phrase(phrase);
            if (stems.Length > 0)
            {
                all.Add((stems, key));
                tokens += stems.Length;
            }
        }

        var order = new (int First, int Shorter, int Index)[all.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = (all[i].Stems.Ids[0], -all[i].Stems.Length, i);
        }

        Array.Sort(order);
        _ids = new int[tokens];
        _stems = new string[tokens];
        _start = new int[order.Length + 1];
        _keys = new TKey[order.Length];
        var seconds = new List<(int Second, int Phrase)>(order.Length);
        var lists = new List<int>(order.Length);
        var entries = new List<(int Id, string Stem, Entry Value)>();
        for (var p = 0; p < order.Length; p++)
        {
            var (stems, key) = all[order[p].Index];
            stems.Ids.CopyTo(_ids, _start[p]);
            stems.Stems.CopyTo(_stems, _start[p]);
            _start[p + 1] = _start[p] + stems.Length;
            _keys[p] = key;
        }

        for (var from = 0; from < order.Length;)
        {
            var to = from + 1;
            while (to < order.Length && order[to].First == order[from].First)
            {
                to++;
            }

            var entry = new Entry { From = from, To = to, Singles = lists.Count };
            for (var p = from; p < to; p++)
            {
                if (_start[p + 1] - _start[p] == 1)
                {
                    lists.Add(p);
                }
            }

            entry.Cutoffs = lists.Count;
            for (var p = from; p < to; p++)
            {
                // "k" stands for a number too: those phrases are compared whenever the next token is one.
                if (_start[p + 1] - _start[p] > 1 && _ids[_start[p] + 1] == PhraseMatches.CutoffId)
                {
                    lists.Add(p);
                }
            }

            entry.CutoffsEnd = lists.Count;
            entry.Seconds = seconds.Count;
            for (var p = from; p < to; p++)
            {
                if (_start[p + 1] - _start[p] > 1 && _ids[_start[p] + 1] != PhraseMatches.CutoffId)
                {
                    seconds.Add((_ids[_start[p] + 1], p));
                    entry.SecondBits |= 1UL << _ids[_start[p] + 1];
                }
            }

            seconds.Sort(entry.Seconds, seconds.Count - entry.Seconds, Comparer<(int, int)>.Default);
            entry.SecondsEnd = seconds.Count;
            entries.Add((order[from].First, _stems[_start[from]], entry));
            from = to;
        }

        _lists = [.. lists];
        _seconds = new int[seconds.Count];
        _secondPhrases = new int[seconds.Count];
        for (var i = 0; i < seconds.Count; i++)
        {
            (_seconds[i], _secondPhrases[i]) = seconds[i];
        }

        _byFirstStem = new(entries);
    }

    public bool IsEmpty => _byFirstStem.Count == 0;

    /// <summary>Every match: key, first token index and token count. Overlaps are kept.</summary>
    public IEnumerable<(TKey Key, int Start, int Length)> Matches(StemmedText stems)
    {
        List<(TKey, int, int)>? found = null;
        Collect(stems, ref found);
        return found ?? (IEnumerable<(TKey, int, int)>)[];
    }

    /// <summary>Adds every match (as <see cref="Matches"/> orders them) to <paramref name="found"/>, created on the first.</summary>
    public void Collect(StemmedText stems, ref List<(TKey Key, int Start, int Length)>? found)
    {
        var list = new ListVisitor(found);
        Visit(stems, ref list);
        found = list.Found;
    }

    /// <summary>Calls <paramref name="visitor"/> for every match, in <see cref="Matches"/> order, storing none of them.</summary>
    public void Visit<TVisitor>(StemmedText stems, ref TVisitor visitor)
        where TVisitor : struct, IMatchVisitor<TKey>
    {
        var sink = new VisitorSink<TVisitor>(visitor);
        Walk(stems, ref sink);
        visitor = sink.Visitor;
    }

    /// <summary>The first match (<see cref="Matches"/> order), if any.</summary>
    public bool TryFirst(StemmedText stems, out (TKey Key, int Start, int Length) first)
    {
        var sink = new FirstSink();
        Walk(stems, ref sink);
        first = sink.First;
        return sink.Found;
    }

    public bool Contains(StemmedText stems) => TryFirst(stems, out _);

    // Every match in order: by position, then as the phrases starting there are ordered. Returns early when the sink
    // has seen enough.
    private void Walk<TSink>(StemmedText stems, ref TSink sink)
        where TSink : struct, ISink
    {
        ArgumentNullException.ThrowIfNull(stems);
        for (var i = 0; i < stems.Length; i++)
        {
            if (!_byFirstStem.TryGet(stems, i, out var entry))
            {
                continue;
            }

            // The phrases that can match here: the one-token ones, and those whose second stem is the next token
            // (or "k", for a number). Each list is in phrase order; merged, they keep it. A next token without an id
            // cannot be looked up: every phrase starting here is compared.
            if (i + 1 < stems.Length && stems.Ids[i + 1] < 0)
            {
                for (var p = entry.From; p < entry.To; p++)
                {
                    if (IsMatchAt(stems, i, p) && !sink.Match(_keys[p], i, _start[p + 1] - _start[p]))
                    {
                        return;
                    }
                }

                continue;
            }

            ReadOnlySpan<int> single = _lists.AsSpan(entry.Singles, entry.Cutoffs - entry.Singles), second = [], cutoff = [];
            if (i + 1 < stems.Length)
            {
                // Most next words are none of the second words, told by one bit test before the search.
                var next = stems.Ids[i + 1];
                if ((entry.SecondBits & (1UL << next)) != 0)
                {
                    second = Run(entry, next);
                }

                if (entry.CutoffsEnd > entry.Cutoffs && (next == PhraseMatches.CutoffId || PhraseMatches.IsNumber(stems[i + 1])))
                {
                    cutoff = _lists.AsSpan(entry.Cutoffs, entry.CutoffsEnd - entry.Cutoffs);
                }
            }

            // One-word phrases alone, the most common case, need no merging and no comparing.
            if (second.IsEmpty && cutoff.IsEmpty)
            {
                foreach (var p in single)
                {
                    if (!sink.Match(_keys[p], i, 1))
                    {
                        return;
                    }
                }

                continue;
            }

            int a = 0, b = 0, c = 0;
            while (a < single.Length || b < second.Length || c < cutoff.Length)
            {
                var p = Math.Min(a < single.Length ? single[a] : int.MaxValue,
                    Math.Min(b < second.Length ? second[b] : int.MaxValue, c < cutoff.Length ? cutoff[c] : int.MaxValue));
                a += a < single.Length && single[a] == p ? 1 : 0;
                b += b < second.Length && second[b] == p ? 1 : 0;
                c += c < cutoff.Length && cutoff[c] == p ? 1 : 0;
                var length = _start[p + 1] - _start[p];
                if ((length == 1 || IsMatchAt(stems, i, p)) && !sink.Match(_keys[p], i, length))
                {
                    return;
                }
            }
        }
    }

    // The entry's phrases whose second stem is id, in phrase order.
    private ReadOnlySpan<int> Run(Entry entry, int id)
    {
        var ids = _seconds.AsSpan(entry.Seconds, entry.SecondsEnd - entry.Seconds);
        // Most first stems start a few phrases: read in order, they are found before a binary search has set up.
        var at = -1;
        if (ids.Length <= ShortRun)
        {
            for (var k = 0; k < ids.Length && ids[k] <= id; k++)
            {
                if (ids[k] == id)
                {
                    at = k;
                    break;
                }
            }
        }
        else
        {
            at = ids.BinarySearch(id);
        }

        if (at < 0)
        {
            return [];
        }

        int from = at, to = at + 1;
        while (from > 0 && ids[from - 1] == id)
        {
            from--;
        }

        while (to < ids.Length && ids[to] == id)
        {
            to++;
        }

        return _secondPhrases.AsSpan(entry.Seconds + from, to - from);
    }

    private const int ShortRun = 8;

    // True when phrase p's stems stand at start (its first is known to match).
    private bool IsMatchAt(StemmedText text, int start, int p) =>
        PhraseMatches.IsMatchAt(text, start, _ids.AsSpan(_start[p], _start[p + 1] - _start[p]), _stems.AsSpan(_start[p], _start[p + 1] - _start[p]));

    // The phrases starting with one stem: [From, To) in phrase order; the one-token ones at _lists[Singles..Cutoffs),
    // those whose second stem is "k" at _lists[Cutoffs..CutoffsEnd), the others at _seconds[Seconds..SecondsEnd).
    private struct Entry
    {
        public int From;
        public int To;
        public int Singles;
        public int Cutoffs;
        public int CutoffsEnd;
        public int Seconds;
        public int SecondsEnd;

        // A bit per second stem of [Seconds, SecondsEnd), by its id modulo 64.
        public ulong SecondBits;
    }

    private interface ISink
    {
        // False to stop.
        bool Match(TKey key, int start, int length);
    }

    private struct ListVisitor(List<(TKey Key, int Start, int Length)>? found) : IMatchVisitor<TKey>
    {
        public List<(TKey Key, int Start, int Length)>? Found = found;

        public void Match(TKey key, int start, int length) => (Found ??= []).Add((key, start, length));
    }

    private struct VisitorSink<TVisitor>(TVisitor visitor) : ISink
        where TVisitor : struct, IMatchVisitor<TKey>
    {
        public TVisitor Visitor = visitor;

        public bool Match(TKey key, int start, int length)
        {
            Visitor.Match(key, start, length);
            return true;
        }
    }

    private struct FirstSink : ISink
    {
        public (TKey Key, int Start, int Length) First;
        public bool Found;

        public bool Match(TKey key, int start, int length)
        {
            (First, Found) = ((key, start, length), true);
            return false;
        }
    }
}

/// <summary>What <see cref="PhraseMatcher{TKey}.Visit"/> calls for each match.</summary>
public interface IMatchVisitor<in TKey>
{
    void Match(TKey key, int start, int length);
}

/// <summary>Adds each match's key to a set.</summary>
public readonly struct KeySetVisitor<TKey>(HashSet<TKey> keys) : IMatchVisitor<TKey>
{
    public void Match(TKey key, int start, int length) => keys.Add(key);
}

/// <summary>Helpers for the matches a <see cref="PhraseMatcher{TKey}"/> finds.</summary>
public static class PhraseMatches
{
    /// <summary>
    /// Sorts matches longest first, then by position, keeping the order <see cref="PhraseMatcher{TKey}.Matches"/> gave among equals (what a
    /// stable OrderByDescending(Length).ThenBy(Start) gives), without LINQ's buffers.
    /// </summary>
    public static void SortLongestFirst<TKey>(List<(TKey Key, int Start, int Length)> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        var count = matches.Count;
        if (count < 2)
        {
            return;
        }

        // A walk gives its matches by start, most of them one word long: then the order is already right, or a stable
        // pass per length, longest first, gives it.
        int shortest = int.MaxValue, longest = 0;
        var byStart = true;
        var all = CollectionsMarshal.AsSpan(matches);
        for (var i = 0; i < all.Length; i++)
        {
            var length = all[i].Length;
            (shortest, longest) = (Math.Min(shortest, length), Math.Max(longest, length));
            byStart &= i == 0 || all[i - 1].Start <= all[i].Start;
        }

        if (byStart)
        {
            if (shortest != longest)
            {
                ByLength(matches, shortest, longest);
            }

            return;
        }

        // Each match's index is its last sort key, so the keys are unique and any sort gives the stable order.
        var order = ArrayPool<(int Length, int Start, int Index)>.Shared.Rent(count);
        var copy = ArrayPool<(TKey Key, int Start, int Length)>.Shared.Rent(count);
        for (var i = 0; i < count; i++)
        {
            order[i] = (-matches[i].Length, matches[i].Start, i);
            copy[i] = matches[i];
        }

        order.AsSpan(0, count).SortAscending();
        for (var i = 0; i < count; i++)
        {
            matches[i] = copy[order[i].Index];
        }

        ArrayPool<(int, int, int)>.Shared.Return(order);
        ArrayPool<(TKey, int, int)>.Shared.Return(copy, RuntimeHelpers.IsReferenceOrContainsReferences<TKey>());
    }

    // Matches in order of start, stably regrouped longest first: the order SortLongestFirst's keys give them.
    private static void ByLength<TKey>(List<(TKey Key, int Start, int Length)> matches, int shortest, int longest)
    {
        var count = matches.Count;
        var copy = ArrayPool<(TKey Key, int Start, int Length)>.Shared.Rent(count);
        var all = CollectionsMarshal.AsSpan(matches);
        all.CopyTo(copy);
        var to = 0;
        for (var length = longest; length >= shortest; length--)
        {
            for (var i = 0; i < count; i++)
            {
                if (copy[i].Length == length)
                {
                    all[to++] = copy[i];
                }
            }
        }

        ArrayPool<(TKey, int, int)>.Shared.Return(copy, RuntimeHelpers.IsReferenceOrContainsReferences<TKey>());
    }

    /// <summary>The id of "k", which stands for a number in a phrase: "recall@k" meets "recall@10".</summary>
    internal static readonly int CutoffId = Stemmer.Intern("k");

    /// <summary>True when the phrase's stems stand at <paramref name="start"/> (its first is known to match).</summary>
    internal static bool IsMatchAt(StemmedText text, int start, StemmedText phrase) => IsMatchAt(text, start, phrase.Ids, phrase.Stems);

    /// <summary>The same, for a phrase given as its stems' ids and text.</summary>
    internal static bool IsMatchAt(StemmedText text, int start, ReadOnlySpan<int> phraseIds, ReadOnlySpan<string> phraseStems)
    {
        if (start + phraseIds.Length > text.Length)
        {
            return false;
        }

        var ids = text.Ids;
        for (var j = 1; j < phraseIds.Length; j++)
        {
            var id = ids[start + j];
            if (id != phraseIds[j]
                && !(id < 0 && string.Equals(text.Stems[start + j], phraseStems[j], StringComparison.Ordinal))
                && !(phraseIds[j] == CutoffId && IsNumber(text.Stems[start + j])))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A token of ASCII digits only, which a "k" in a phrase stands for.</summary>
    internal static bool IsNumber(string token)
    {
        if (token.Length == 0)
        {
            return false;
        }

        foreach (var c in token)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
