using System.Collections.Immutable;

namespace Grader.Core.Text;

/// <summary>
/// A set of entries written as in a rubric's synonym lists: terms (matched as word runs) and descriptions (word
/// groups that must meet in one sentence). Compiled once; <see cref="Find"/> says which entry a unit meets.
/// </summary>
public sealed class PhraseSet
{
    private readonly PhraseMatcher<int> _phrases;
    private readonly DescriptionMatcher<int> _descriptions;

    public PhraseSet(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = [.. entries];
        _phrases = new(Entries.Select((e, i) => (e, i)).Where(x => !Description.IsDescription(x.e)));
        _descriptions = new(Entries.Select((e, i) => (e, i)).Where(x => Description.IsDescription(x.e)).Select(x => (Description.Parse(x.e), x.i)));
    }

    public static PhraseSet Empty { get; } = new([]);

    public ImmutableArray<string> Entries { get; }

    public bool IsEmpty => Entries.IsEmpty;

    /// <summary>The first entry (in rubric order) that <paramref name="stems"/> meet, or null.</summary>
    public string? Find(string[] stems)
    {
        var best = int.MaxValue;
        foreach (var (i, _, _) in _phrases.Matches(stems))
        {
            best = Math.Min(best, i);
        }

        foreach (var i in _descriptions.Matches(stems))
        {
            best = Math.Min(best, i);
        }

        return best == int.MaxValue ? null : Entries[best];
    }
}
