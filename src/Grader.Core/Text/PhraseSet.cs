using System.Collections.Immutable;

namespace Grader.Core.Text;

/// <summary>
/// A set of entries written as in a rubric's synonym lists: terms (matched as word runs) and descriptions (word
/// groups that must meet in one sentence). Compiled once; <see cref="Find"/> says which entry a unit meets.
/// </summary>
public sealed class PhraseSet
{
    // Built on first use: a catalog holds every problem's sets, a run grades against one or two problems.
    private readonly Lazy<(PhraseMatcher<int> Phrases, DescriptionMatcher<int> Descriptions)> _matchers;

    public PhraseSet(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = [.. entries];
        _matchers = new(() => (
            new(Entries.Select((e, i) => (e, i)).Where(x => !Description.IsDescription(x.e))),
            new(Entries.Select((e, i) => (e, i)).Where(x => Description.IsDescription(x.e)).Select(x => (Description.Parse(x.e), x.i)))));
    }

    public static PhraseSet Empty { get; } = new([]);

    public ImmutableArray<string> Entries { get; }

    public bool IsEmpty => Entries.IsEmpty;

    /// <summary>The first entry (in rubric order) that <paramref name="stems"/> meet, or null.</summary>
    public string? Find(StemmedText stems)
    {
        var (phrases, descriptions) = _matchers.Value;
        // Most units start none of the entries (a mistake's wordings are checked in every unit): one pass of bit tests
        // says so before either matcher walks the unit.
        var may = false;
        for (var i = 0; i < stems.Length && !may; i++)
        {
            may = phrases.MayStartAt(stems, i) || descriptions.MayStartAt(stems, i);
        }

        if (!may)
        {
            return null;
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

    // The lowest entry index among the matches.
    private struct FirstEntry(int best) : IMatchVisitor<int>
    {
        public int Best = best;

        public void Match(int key, int start, int length) => Best = Math.Min(Best, key);
    }
}
