using System.Buffers;
using System.Runtime.CompilerServices;

namespace Grader.Core.Text;

/// <summary>
/// Finds phrases in stemmed token sequences. Phrases are matched on whole tokens after stemming, so
/// "A/B testing" meets "a/b test" and "labelled" meets "labels". Built once per rubric and shared across threads.
/// </summary>
public sealed class PhraseMatcher<TKey>
    where TKey : notnull
{
    private readonly StemIndex<Entry> _byFirstStem;

    public PhraseMatcher(IEnumerable<(string Phrase, TKey Key)> phrases)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        var all = new List<(StemmedText Stems, TKey Key)>();
        foreach (var (phrase, key) in phrases)
        {
            var stems = Stemmer.Phrase(phrase);
            if (stems.Length > 0)
            {
                all.Add((stems, key));
            }
        }

        // By first stem, then longest first (so the first hit at a position is the most specific), then as given.
        // Sorting one array of keys builds every entry without a list or dictionary per stem: set-up is most of a
        // one-answer run.
        var order = new (int First, int Shorter, int Index)[all.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = (all[i].Stems.Ids[0], -all[i].Stems.Length, i);
        }

        Array.Sort(order);
        var entries = new List<(int Id, string Stem, Entry Value)>();
        for (var start = 0; start < order.Length;)
        {
            var end = start + 1;
            while (end < order.Length && order[end].First == order[start].First)
            {
                end++;
            }

            var same = new (StemmedText Stems, TKey Key)[end - start];
            for (var k = 0; k < same.Length; k++)
            {
                same[k] = all[order[start + k].Index];
            }

            entries.Add((order[start].First, same[0].Stems[0], new Entry(same)));
            start = end;
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
            int[] single = entry.Single, second = [], cutoff = [];
            if (i + 1 < stems.Length)
            {
                var next = stems.Ids[i + 1];
                if (next < 0)
                {
                    single = entry.Every;
                }
                else
                {
                    if (entry.BySecond is { } bySecond && bySecond.TryGetValue(next, out var same))
                    {
                        second = same;
                    }

                    if (entry.Cutoff.Length > 0 && (next == PhraseMatches.CutoffId || PhraseMatches.IsNumber(stems[i + 1])))
                    {
                        cutoff = entry.Cutoff;
                    }
                }
            }

            int a = 0, b = 0, c = 0;
            while (a < single.Length || b < second.Length || c < cutoff.Length)
            {
                var index = Math.Min(a < single.Length ? single[a] : int.MaxValue,
                    Math.Min(b < second.Length ? second[b] : int.MaxValue, c < cutoff.Length ? cutoff[c] : int.MaxValue));
                a += a < single.Length && single[a] == index ? 1 : 0;
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
        public Entry((StemmedText Stems, TKey Key)[] all)
        {
            All = all;
            int singles = 0, cutoffs = 0;
            foreach (var (stems, _) in all)
            {
                singles += stems.Length == 1 ? 1 : 0;
                cutoffs += stems.Length > 1 && stems.Ids[1] == PhraseMatches.CutoffId ? 1 : 0;
            }

            // "k" stands for a number too: those phrases are compared whenever the next token is one.
            Single = singles == 0 ? [] : new int[singles];
            Cutoff = cutoffs == 0 ? [] : new int[cutoffs];
            var seconds = all.Length - singles - cutoffs;
            var bySecond = seconds == 0 ? null : new (int Second, int Index)[seconds];
            (singles, cutoffs, seconds) = (0, 0, 0);
            for (var i = 0; i < all.Length; i++)
            {
                var stems = all[i].Stems;
                if (stems.Length == 1)
                {
                    Single[singles++] = i;
                }
                else if (stems.Ids[1] == PhraseMatches.CutoffId)
                {
                    Cutoff[cutoffs++] = i;
                }
                else
                {
                    bySecond![seconds++] = (stems.Ids[1], i);
                }
            }

            if (bySecond is not null)
            {
                // Grouped by second stem, each group in phrase order.
                Array.Sort(bySecond);
                BySecond = [];
                for (var start = 0; start < bySecond.Length;)
                {
                    var end = start + 1;
                    while (end < bySecond.Length && bySecond[end].Second == bySecond[start].Second)
                    {
                        end++;
                    }

                    var indices = new int[end - start];
                    for (var k = 0; k < indices.Length; k++)
                    {
                        indices[k] = bySecond[start + k].Index;
                    }

                    BySecond[bySecond[start].Second] = indices;
                    start = end;
                }
            }
        }

        public (StemmedText Stems, TKey Key)[] All { get; }

        public int[] Single { get; }

        public int[] Cutoff { get; }

        // Only for a next token without an id (a word met past the vocabulary's bound): made when first needed.
        public int[] Every => _every ??= [.. Enumerable.Range(0, All.Length)];

        private int[]? _every;

        public Dictionary<int, int[]>? BySecond { get; }
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

    /// <summary>The id of "k", which stands for a number in a phrase: "recall@k" meets "recall@10".</summary>
    internal static readonly int CutoffId = Stemmer.Intern("k");

    /// <summary>True when the phrase's stems stand at <paramref name="start"/> (its first is known to match).</summary>
    internal static bool IsMatchAt(StemmedText text, int start, StemmedText phrase)
    {
        if (start + phrase.Length > text.Length)
        {
            return false;
        }

        var ids = text.Ids;
        for (var j = 1; j < phrase.Length; j++)
        {
            var id = ids[start + j];
            if (id != phrase.Ids[j]
                && !(id < 0 && string.Equals(text.Stems[start + j], phrase.Stems[j], StringComparison.Ordinal))
                && !(phrase.Ids[j] == CutoffId && IsNumber(text.Stems[start + j])))
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
