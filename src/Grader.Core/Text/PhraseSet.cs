using System.Collections.Immutable;

namespace Grader.Core.Text;

/// <summary>
/// A set of entries written as in a rubric's synonym lists: terms (matched as word runs) and descriptions (word
/// groups that must meet in one sentence). Compiled once; <see cref="Find"/> says which entry a unit meets.
/// </summary>
public sealed class PhraseSet
{
    // Built on first use: a catalog holds every problem's sets, a run grades against one or two problems.
    private readonly Lazy<(PhraseMatcher<int> Phrases, DescriptionMatcher<int> Descriptions, int[]? Anchors)> _matchers;

    public PhraseSet(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = [.. entries];
        _matchers = new(() => Compile(Entries));
    }

    public static PhraseSet Empty { get; } = new([]);

    public ImmutableArray<string> Entries { get; }

    public bool IsEmpty => Entries.IsEmpty;

    /// <summary>The first entry (in rubric order) that <paramref name="stems"/> meet, or null.</summary>
    public string? Find(StemmedText stems)
    {
        var (phrases, descriptions, anchors) = _matchers.Value;
        // Most units meet none of the entries (a mistake's wordings are checked in every unit): a look for the words
        // the entries cannot be met without says so before either matcher walks the unit. Per anchor, the text's stem
        // summary first; it may say yes for a stem the text lacks, and a vectorised search of its ids then tells. A
        // token without an id is compared by text, so it may be any anchor: such a text is walked.
        if (anchors is not null && !stems.HasTokenWithoutId)
        {
            var ids = stems.Ids.AsSpan();
            var may = false;
            foreach (var id in anchors)
            {
                if (stems.MayHold(id) && ids.Contains(id))
                {
                    may = true;
                    break;
                }
            }

            if (!may)
            {
                return null;
            }
        }

        var first = new FirstEntry(int.MaxValue);
        phrases.Visit(stems, ref first);
        var best = first.Best;

        foreach (var i in descriptions.Matches(stems))
        {
            best = Math.Min(best, i);
        }

        return best == int.MaxValue ? null : Entries[best];
    }

    // Each entry read once: terms to one matcher, descriptions (parsed) to the other, and both to the anchors.
    private static (PhraseMatcher<int>, DescriptionMatcher<int>, int[]?) Compile(ImmutableArray<string> entries)
    {
        var terms = new List<(string Term, int Index)>();
        var descriptions = new List<(Description Description, int Index)>();
        for (var i = 0; i < entries.Length; i++)
        {
            if (Description.IsDescription(entries[i]))
            {
                descriptions.Add((Description.Parse(entries[i]), i));
            }
            else
            {
                terms.Add((entries[i], i));
            }
        }

        return (new(terms), new(descriptions), AnchorsOf(terms, descriptions));
    }

    // A stem each entry cannot be met without: a term's longest (its rarest, most likely), a description's for every
    // alternative of its group with fewest. Null when some entry has none (a term of "k" alone, which any number meets).
    private static int[]? AnchorsOf(List<(string Term, int Index)> terms, List<(Description Description, int Index)> descriptions)
    {
        var anchors = new SortedSet<int>();
        foreach (var (term, _) in terms)
        {
            if (Anchor(term) is not { } anchor)
            {
                return null;
            }

            anchors.Add(anchor.Id);
        }

        foreach (var (description, _) in descriptions)
        {
            if (!description.IsValid)
            {
                continue; // never met
            }

            // Groups past the 64th share one bit when matched: only the first 63 are each required.
            List<(int Id, string Stem)>? best = null;
            foreach (var group in description.Groups.Take(63))
            {
                var alternatives = new List<(int Id, string Stem)>();
                foreach (var alternative in group)
                {
                    if (Anchor(alternative) is not { } anchor)
                    {
                        alternatives = null;
                        break;
                    }

                    alternatives.Add(anchor);
                }

                if (alternatives is not null && (best is null || alternatives.Count < best.Count))
                {
                    best = alternatives;
                }
            }

            if (best is null)
            {
                return null;
            }

            foreach (var (id, _) in best)
            {
                anchors.Add(id);
            }
        }

        return [.. anchors];
    }

    // A phrase's longest stem other than "k" (which a number meets), or null.
    private static (int Id, string Stem)? Anchor(string phrase)
    {
        var stems = Stemmer.Phrase(phrase);
        (int Id, string Stem)? anchor = null;
        for (var i = 0; i < stems.Length; i++)
        {
            if (stems.Ids[i] != PhraseMatches.CutoffId && (anchor is null || stems[i].Length > anchor.Value.Stem.Length))
            {
                anchor = (stems.Ids[i], stems[i]);
            }
        }

        return anchor;
    }

    // The lowest entry index among the matches.
    private struct FirstEntry(int best) : IMatchVisitor<int>
    {
        public int Best = best;

        public void Match(int key, int start, int length) => Best = Math.Min(Best, key);
    }
}
