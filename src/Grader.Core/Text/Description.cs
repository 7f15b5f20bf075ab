using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace Grader.Core.Text;

/// <summary>
/// A concept said in everyday words: word groups that must all occur in one sentence, in any order. Written in a
/// rubric as groups joined by " + ", each group's alternative phrases by " | ":
/// <c>"share | fraction + shown | displayed + click | tap"</c> is click-through rate without the term.
/// </summary>
public sealed record Description(string Text, ImmutableArray<ImmutableArray<string>> Groups)
{
    public const string GroupSeparator = " + ";
    public const string AlternativeSeparator = "|";

    /// <summary>True for a synonym entry written as a description rather than a term.</summary>
    public static bool IsDescription(string entry) => entry.Contains(GroupSeparator, StringComparison.Ordinal);

    /// <summary>Groups of alternative phrases; alternatives without a word are dropped, so an empty group makes it invalid.</summary>
    public static Description Parse(string entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var parts = entry.Split(GroupSeparator, StringSplitOptions.TrimEntries);
        var groups = ImmutableArray.CreateBuilder<ImmutableArray<string>>(parts.Length);
        var alternatives = ImmutableArray.CreateBuilder<string>();
        foreach (var part in parts)
        {
            alternatives.Clear();
            foreach (var alternative in part.Split(AlternativeSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                // One word is enough to match on; the matcher stems it (stemming it here as well did that work twice).
                var at = 0;
                if (Words.Next(alternative, ref at, out _))
                {
                    alternatives.Add(alternative);
                }
            }

            groups.Add(alternatives.ToImmutable());
        }

        return new Description(entry, groups.MoveToImmutable());
    }

    /// <summary>At least two groups, none of them empty.</summary>
    public bool IsValid => Groups.Length >= 2 && Groups.All(g => !g.IsEmpty);
}

/// <summary>
/// Finds descriptions in stemmed units with one pass of a phrase matcher over every alternative of every group:
/// a description matches when each of its groups was hit.
/// </summary>
public sealed class DescriptionMatcher<TKey>
    where TKey : notnull
{
    // By first stem: the one-word alternatives it is, merged per description into one mask of the groups they stand
    // for, and the longer alternatives it starts. Which alternative of a group was met does not matter, only that
    // the group was, so a common word that many descriptions use costs one mask per description, not one per phrase.
    // Flat arrays, as in PhraseMatcher: an entry's masks and phrases are ranges of _words and _phrases, a phrase's stems
    // a range of _ids and _stems. Most words of a unit start some alternative, and following a reference per list and
    // per phrase missed the cache at nearly every one.
    private readonly StemIndex<Entry> _byFirstStem;
    private readonly (int Description, ulong Groups)[] _words;
    private readonly Phrase[] _phrases;
    private readonly int[] _ids;
    private readonly string[] _stems;
    private readonly TKey[] _descriptions;

    // Per description, the mask of its groups all hit: one bit per group, the 64th and later sharing the last.
    private readonly ulong[] _met;

    public DescriptionMatcher(IEnumerable<(Description Description, TKey Key)> descriptions)
    {
        ArgumentNullException.ThrowIfNull(descriptions);
        var list = new List<(Description Description, TKey Key)>();
        foreach (var d in descriptions)
        {
            if (d.Description.IsValid)
            {
                list.Add(d);
            }
        }

        _descriptions = new TKey[list.Count];
        _met = new ulong[list.Count];
        var alternatives = 0;
        foreach (var (description, _) in list)
        {
            foreach (var group in description.Groups)
            {
                alternatives += group.Length;
            }
        }

        // Sized for every alternative up front, and each distinct alternative stemmed once: a rubric's descriptions
        // share many ("users", "how many", "click | tap"), and set-up is most of a one-answer run.
        var words = new List<(int First, int Description, ulong Groups, string Stem)>(alternatives);
        var phrases = new List<(int First, int Index, StemmedText Stems, int Description, ulong Groups)>(alternatives);
        var stemmed = new Dictionary<string, StemmedText>(alternatives, StringComparer.Ordinal);
        var tokens = 0;
        for (var d = 0; d < list.Count; d++)
        {
            var groups = list[d].Description.Groups;
            _descriptions[d] = list[d].Key;
            _met[d] = groups.Length >= 64 ? ulong.MaxValue : (1UL << groups.Length) - 1;
            for (var g = 0; g < groups.Length; g++)
            {
                var bit = 1UL << Math.Min(g, 63);
                foreach (var alternative in groups[g])
                {
                    if (!stemmed.TryGetValue(alternative, out var stems))
                    {
                        stemmed[alternative] = stems = Stemmer.Phrase(alternative);
                    }

                    if (stems.Length == 1)
                    {
                        words.Add((stems.Ids[0], d, bit, stems[0]));
                    }
                    else if (stems.Length > 1)
                    {
                        phrases.Add((stems.Ids[0], phrases.Count, stems, d, bit));
                        tokens += stems.Length;
                    }
                }
            }
        }

        // Grouped by first stem (set-up is most of a one-answer run): a description's one-word alternatives merge into
        // one mask; the order within a stem's ranges does not matter, as the met descriptions are put in rubric order.
        // Sorted by a number per entry (first stem, then description or place), without a comparison delegate.
        words.SortByKey(static w => ((long)w.First << 32) | (uint)w.Description);
        phrases.SortByKey(static p => ((long)p.First << 32) | (uint)p.Index);
        var entries = new List<(int, string, Entry)>();
        var masks = new List<(int Description, ulong Groups)>(words.Count);
        _phrases = new Phrase[phrases.Count];
        _ids = new int[tokens];
        _stems = new string[tokens];
        int w = 0, p = 0, at = 0;
        while (w < words.Count || p < phrases.Count)
        {
            var first = Math.Min(w < words.Count ? words[w].First : int.MaxValue, p < phrases.Count ? phrases[p].First : int.MaxValue);
            var stem = w < words.Count && words[w].First == first ? words[w].Stem : phrases[p].Stems[0];
            var entry = new Entry { Words = masks.Count, Phrases = p };
            for (; w < words.Count && words[w].First == first; w++)
            {
                if (masks.Count > entry.Words && masks[^1].Description == words[w].Description)
                {
                    masks[^1] = (words[w].Description, masks[^1].Groups | words[w].Groups);
                }
                else
                {
                    masks.Add((words[w].Description, words[w].Groups));
                }
            }

            for (; p < phrases.Count && phrases[p].First == first; p++)
            {
                var stems = phrases[p].Stems;
                entry.Seconds |= stems.Ids[1] == PhraseMatches.CutoffId ? ulong.MaxValue : 1UL << stems.Ids[1];
                stems.Ids.CopyTo(_ids, at);
                stems.Stems.CopyTo(_stems, at);
                _phrases[p] = new Phrase(stems.Ids[1], at, stems.Length, phrases[p].Description, phrases[p].Groups);
                at += stems.Length;
            }

            entry.WordsEnd = masks.Count;
            entry.PhrasesEnd = p;
            entries.Add((first, stem, entry));
        }

        _words = [.. masks];
        _byFirstStem = new(entries);
    }

    public bool IsEmpty => _descriptions.Length == 0;

    /// <summary>The keys of the descriptions met in <paramref name="stems"/>, each once, in rubric order.</summary>
    public TKey[] Matches(StemmedText stems)
    {
        if (IsEmpty)
        {
            return [];
        }

        // The groups hit per description, as a bit mask, and the descriptions touched (in t_touched). Found by a method
        // with no handler of its own: in one with a try block, the compiler kept the loops' variables on the stack.
        var groups = t_groups is { } keptGroups && keptGroups.Length >= _descriptions.Length ? keptGroups : t_groups = new ulong[Math.Max(_descriptions.Length, 64)];
        int hit;
        try
        {
            hit = Hit(stems, groups);
        }
        catch
        {
            // The masks are kept all zero between calls; a failure part way must not leave the next unit some set.
            Array.Clear(groups);
            throw;
        }

        if (hit == 0)
        {
            return [];
        }

        // Most descriptions touched are not met: only the met ones are put in rubric order. The masks are cleared
        // before anything else can fail.
        var touched = t_touched!;
        var order = t_met is { } keptMet && keptMet.Length >= hit ? keptMet : t_met = new int[Math.Max(hit, 64)];
        var met = 0;
        foreach (var description in touched.AsSpan(0, hit))
        {
            order[met] = description;
            met += groups[description] == _met[description] ? 1 : 0;
            groups[description] = 0;
        }

        if (met == 0)
        {
            return [];
        }

        order.AsSpan(0, met).SortAscending();
        var result = new TKey[met];
        for (var i = 0; i < met; i++)
        {
            result[i] = _descriptions[order[i]];
        }

        return result;
    }

    // Marks in `groups` the groups each description has hit, and lists the descriptions touched in t_touched; returns
    // how many there are.
    private int Hit(StemmedText stems, ulong[] groups)
    {
        // Room for every description, each listed at most once, and the slot a touch writes past the last: no touch
        // checks for room or grows the list.
        var touched = t_touched is { } keptTouched && keptTouched.Length > _descriptions.Length ? keptTouched
            : t_touched = new int[Math.Max(_descriptions.Length + 1, 64)];
        var hit = 0;

        // First the entries of the words that start an alternative, with the first of each entry's masks and phrases
        // read: in a loop that does little else their cache misses overlap, where one word at a time each stalled.
        var starts = stems.Length > MaxKeptStarts ? new (int Index, Entry Entry)[stems.Length]
            : t_starts is { } kept && kept.Length >= stems.Length ? kept : t_starts = new (int Index, Entry Entry)[Math.Max(stems.Length, 64)];
        var count = 0;
        var readAhead = 0UL;
        for (var i = 0; i < stems.Length; i++)
        {
            if (_byFirstStem.TryGet(stems, i, out var entry))
            {
                starts[count++] = (i, entry);
                readAhead += entry.WordsEnd > entry.Words ? _words[entry.Words].Groups : 0;
                readAhead += entry.PhrasesEnd > entry.Phrases ? (uint)_phrases[entry.Phrases].Second : 0;
            }
        }

        t_readAhead = readAhead;
        var words = _words;
        var ids = stems.Ids;
        for (var s = 0; s < count; s++)
        {
            ref readonly var starting = ref starts[s];
            for (var k = starting.Entry.Words; k < starting.Entry.WordsEnd; k++)
            {
                var (description, bits) = words[k];
                Touch(groups, touched, ref hit, description, bits);
            }

            // A phrase's second stem is compared here, before its stems are read: it is what rules most out. Most
            // words that start phrases are followed by none of their second words, told by one bit test.
            var i = starting.Index;
            var next = i + 1 < ids.Length ? ids[i + 1] : int.MinValue;
            if (next == int.MinValue || (next >= 0 && (starting.Entry.Seconds & (1UL << next)) == 0))
            {
                continue;
            }

            for (var k = starting.Entry.Phrases; k < starting.Entry.PhrasesEnd; k++)
            {
                ref readonly var phrase = ref _phrases[k];
                if ((next == phrase.Second || next < 0 || phrase.Second == PhraseMatches.CutoffId)
                    && PhraseMatches.IsMatchAt(stems, i, _ids.AsSpan(phrase.Start, phrase.Length), _stems.AsSpan(phrase.Start, phrase.Length)))
                {
                    Touch(groups, touched, ref hit, phrase.Description, phrase.Groups);
                }
            }
        }

        return hit;
    }

    // Marks a description's groups hit, listing the description the first time. Without a branch: whether a word is the
    // first in its unit to touch a description follows the text, which a branch predictor guesses badly.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Touch(ulong[] groups, int[] touched, ref int hit, int description, ulong bits)
    {
        var was = groups[description];
        touched[hit] = description;
        hit += was == 0 ? 1 : 0;
        groups[description] = was | bits;
    }

    // The one-word alternatives starting with a stem at _words[Words..WordsEnd), the longer ones at _phrases[Phrases..PhrasesEnd).
    private struct Entry
    {
        public int Words;
        public int WordsEnd;
        public int Phrases;
        public int PhrasesEnd;

        // A bit per second stem of the phrases, by its id modulo 64 (all bits when one is "k", which any number meets).
        public ulong Seconds;
    }

    // An alternative of two or more words: its second stem's id, its stems at _ids/_stems[Start..Start + Length), and
    // the description and group it stands for.
    private readonly record struct Phrase(int Second, int Start, int Length, int Description, ulong Groups);

    // The entries of a unit's words (see Matches), and what reading ahead read, kept where no compiler drops it.
    [ThreadStatic]
    private static (int Index, Entry Entry)[]? t_starts;

    [ThreadStatic]
    private static ulong t_readAhead;

    // The met descriptions of a unit, before they are put in rubric order.
    [ThreadStatic]
    private static int[]? t_met;

    // A huge unit's entries are not kept for the thread's life.
    private const int MaxKeptStarts = 1 << 14;

    // Masks kept all zero between calls (each call zeroes what it set), so a unit costs what it hits, not the rubric's size.
    [ThreadStatic]
    private static ulong[]? t_groups;

    [ThreadStatic]
    private static int[]? t_touched;
}
