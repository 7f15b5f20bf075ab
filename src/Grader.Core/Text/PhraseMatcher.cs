using System.Buffers;
using System.Runtime.CompilerServices;
using System.Collections.Frozen;

namespace Grader.Core.Text;

/// <summary>
/// Finds phrases in stemmed token sequences. Phrases are matched on whole tokens after stemming, so
/// "A/B testing" meets "a/b test" and "labelled" meets "labels". Built once per rubric and shared across threads.
/// </summary>
public sealed class PhraseMatcher<TKey>
    where TKey : notnull
{
    private readonly FrozenDictionary<string, Entry> _byFirstStem;

    // Which tokens may start a phrase (see PhraseMatches.NewFilter).
    private readonly ulong[] _mayStart = PhraseMatches.NewFilter();

    public PhraseMatcher(IEnumerable<(string Phrase, TKey Key)> phrases)
    {
        var map = new Dictionary<string, List<(string[], TKey)>>(StringComparer.Ordinal);
        foreach (var (phrase, key) in phrases)
        {
            var stems = Stemmer.StemAll(phrase);
            if (stems.Length == 0)
            {
                continue;
            }

            if (!map.TryGetValue(stems[0], out var list))
            {
                map[stems[0]] = list = [];
            }

            list.Add((stems, key));
        }

        // Longest phrases first, so the first hit at a position is the most specific.
        _byFirstStem = map.ToFrozenDictionary(
            kv => kv.Key,
            kv => new Entry([.. kv.Value.OrderByDescending(p => p.Item1.Length)]),
            StringComparer.Ordinal);
        foreach (var first in _byFirstStem.Keys)
        {
            PhraseMatches.AddToFilter(_mayStart, first);
        }
    }

    public bool IsEmpty => _byFirstStem.Count == 0;

    /// <summary>Every match: key, first token index and token count. Overlaps are kept.</summary>
    public IEnumerable<(TKey Key, int Start, int Length)> Matches(string[] stems)
    {
        List<(TKey, int, int)>? found = null;
        Collect(stems, ref found);
        return found ?? (IEnumerable<(TKey, int, int)>)[];
    }

    /// <summary>Adds every match (as <see cref="Matches"/> orders them) to <paramref name="found"/>, created on the first.</summary>
    public void Collect(string[] stems, ref List<(TKey Key, int Start, int Length)>? found)
    {
        var list = new ListVisitor(found);
        Visit(stems, ref list);
        found = list.Found;
    }

    /// <summary>Calls <paramref name="visitor"/> for every match, in <see cref="Matches"/> order, storing none of them.</summary>
    public void Visit<TVisitor>(string[] stems, ref TVisitor visitor)
        where TVisitor : struct, IMatchVisitor<TKey>
    {
        var sink = new VisitorSink<TVisitor>(visitor);
        Walk(stems, ref sink);
        visitor = sink.Visitor;
    }

    /// <summary>The first match (<see cref="Matches"/> order), if any.</summary>
    public bool TryFirst(string[] stems, out (TKey Key, int Start, int Length) first)
    {
        var sink = new FirstSink();
        Walk(stems, ref sink);
        first = sink.First;
        return sink.Found;
    }

    public bool Contains(string[] stems) => TryFirst(stems, out _);

    // Every match in order: by position, then as the phrases starting there are ordered. Returns early when the sink
    // has seen enough.
    private void Walk<TSink>(string[] stems, ref TSink sink)
        where TSink : struct, ISink
    {
        ArgumentNullException.ThrowIfNull(stems);
        for (var i = 0; i < stems.Length; i++)
        {
            if (!PhraseMatches.MayStart(_mayStart, stems[i]) || !_byFirstStem.TryGetValue(stems[i], out var entry))
            {
                continue;
            }

            // The phrases that can match here: the one-token ones, and those whose second stem is the next token
            // (or "k", for a number). Each list is in phrase order; merged, they keep it.
            var next = i + 1 < stems.Length ? stems[i + 1] : null;
            int[] second = [], cutoff = [];
            if (next is not null)
            {
                if (entry.BySecond is { } bySecond && bySecond.TryGetValue(next, out var same))
                {
                    second = same;
                }

                if (entry.Cutoff.Length > 0 && (next == "k" || PhraseMatches.IsNumber(next)))
                {
                    cutoff = entry.Cutoff;
                }
            }

            int a = 0, b = 0, c = 0;
            while (a < entry.Single.Length || b < second.Length || c < cutoff.Length)
            {
                var index = Math.Min(a < entry.Single.Length ? entry.Single[a] : int.MaxValue,
                    Math.Min(b < second.Length ? second[b] : int.MaxValue, c < cutoff.Length ? cutoff[c] : int.MaxValue));
                a += a < entry.Single.Length && entry.Single[a] == index ? 1 : 0;
                b += b < second.Length && second[b] == index ? 1 : 0;
                c += c < cutoff.Length && cutoff[c] == index ? 1 : 0;
                var (phrase, key) = entry.All[index];
                if (PhraseMatches.IsMatchAt(stems, i, phrase) && !sink.Match(key, i, phrase.Length))
                {
                    return;
                }
            }
        }
    }

    // The phrases starting with one stem, in match order, indexed by their second stem: at a position only the
    // phrases whose second stem is the next token are compared, not every phrase that starts there.
    private sealed class Entry
    {
        public Entry((string[] Stems, TKey Key)[] all)
        {
            All = all;
            Dictionary<string, List<int>>? bySecond = null;
            List<int> single = [], cutoff = [];
            for (var i = 0; i < all.Length; i++)
            {
                var stems = all[i].Stems;
                if (stems.Length == 1)
                {
                    single.Add(i);
                }
                else if (stems[1] == "k")
                {
                    // "k" stands for a number too: compared whenever the next token is one.
                    cutoff.Add(i);
                }
                else
                {
                    bySecond ??= new(StringComparer.Ordinal);
                    (bySecond.TryGetValue(stems[1], out var list) ? list : bySecond[stems[1]] = []).Add(i);
                }
            }

            Single = [.. single];
            Cutoff = [.. cutoff];
            BySecond = bySecond?.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.Ordinal);
        }

        public (string[] Stems, TKey Key)[] All { get; }

        public int[] Single { get; }

        public int[] Cutoff { get; }

        public Dictionary<string, int[]>? BySecond { get; }
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

        // Each match's index is its last sort key, so the keys are unique and any sort gives the stable order.
        var order = ArrayPool<(int Length, int Start, int Index)>.Shared.Rent(count);
        var copy = ArrayPool<(TKey Key, int Start, int Length)>.Shared.Rent(count);
        for (var i = 0; i < count; i++)
        {
            order[i] = (-matches[i].Length, matches[i].Start, i);
            copy[i] = matches[i];
        }

        order.AsSpan(0, count).Sort();
        for (var i = 0; i < count; i++)
        {
            matches[i] = copy[order[i].Index];
        }

        ArrayPool<(int, int, int)>.Shared.Return(order);
        ArrayPool<(TKey, int, int)>.Shared.Return(copy, RuntimeHelpers.IsReferenceOrContainsReferences<TKey>());
    }

    private const int FilterBits = 32 * 32 * 8;

    /// <summary>
    /// A filter of first stems, a bit per (first letter, last letter, length): most tokens start no phrase, and it says
    /// so with one load, before a dictionary hashes the whole token. It never says no to a stem added to it.
    /// </summary>
    internal static ulong[] NewFilter() => new ulong[FilterBits / 64];

    internal static void AddToFilter(ulong[] filter, string stem)
    {
        var slot = Slot(stem);
        filter[slot >> 6] |= 1UL << (slot & 63);
    }

    internal static bool MayStart(ulong[] filter, string stem)
    {
        var slot = Slot(stem);
        return (filter[slot >> 6] & (1UL << (slot & 63))) != 0;
    }

    private static int Slot(string stem) =>
        stem.Length == 0 ? 0 : ((stem[0] & 31) << 8) | ((stem[^1] & 31) << 3) | Math.Min(stem.Length - 1, 7);

    /// <summary>True when the phrase's stems stand at <paramref name="start"/> (its first is known to match).</summary>
    internal static bool IsMatchAt(string[] stems, int start, string[] phrase)
    {
        if (start + phrase.Length > stems.Length)
        {
            return false;
        }

        for (var j = 1; j < phrase.Length; j++)
        {
            if (!string.Equals(stems[start + j], phrase[j], StringComparison.Ordinal) && !IsCutoff(phrase[j], stems[start + j]))
            {
                return false;
            }
        }

        return true;
    }

    // "k" in a term stands for any cutoff: "recall@k" meets "recall@10", "top k" meets "top 50".
    private static bool IsCutoff(string pattern, string token) => pattern == "k" && IsNumber(token);

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
