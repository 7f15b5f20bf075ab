using System.Collections.Immutable;
using Grader.Core.Diagnostics;

namespace Grader.Core.Comparison;

/// <summary>
/// Matches findings across two revisions by fingerprint (rule, step, criterion, normalised evidence), as a
/// multiset, so moving lines or paragraphs changes nothing and only real changes show as fixed or new.
/// </summary>
public static class RevisionComparer
{
    public static Comparison Compare(Revision old, Revision @new)
    {
        ArgumentNullException.ThrowIfNull(old);
        ArgumentNullException.ThrowIfNull(@new);
        var before = Track(old.Result);
        var after = Track(@new.Result);
        var remaining = before.GroupBy(f => f.Fingerprint).ToDictionary(g => g.Key, g => new Queue<TrackedFinding>(g), StringComparer.Ordinal);
        var added = ImmutableArray.CreateBuilder<TrackedFinding>();
        var unchanged = ImmutableArray.CreateBuilder<TrackedFinding>();
        foreach (var finding in after)
        {
            if (remaining.TryGetValue(finding.Fingerprint, out var queue) && queue.Count > 0)
            {
                queue.Dequeue();
                unchanged.Add(finding);
            }
            else
            {
                added.Add(finding);
            }
        }

        var fixedOnes = remaining.Values.SelectMany(q => q).OrderBy(f => f.Diagnostic, Comparer<Diagnostic>.Create(Diagnostic.Compare)).ToImmutableArray();
        var steps = old.Result.Score.Steps.Zip(@new.Result.Score.Steps)
            .Select(p => new StepDelta(p.First.Step, p.First.Score, p.Second.Score, p.Second.Max))
            .ToImmutableArray();
        return new Comparison(old, @new, steps, fixedOnes, added.ToImmutable(), unchanged.ToImmutable());
    }

    // Suppressed findings are not the author's open problems; they take no part in the comparison.
    private static List<TrackedFinding> Track(GradeResult result)
    {
        var fingerprints = Fingerprints.Of(result);
        return [.. result.Diagnostics.Select((d, i) => new TrackedFinding(d, fingerprints[i])).Where(f => !f.Diagnostic.IsSuppressed)];
    }
}
