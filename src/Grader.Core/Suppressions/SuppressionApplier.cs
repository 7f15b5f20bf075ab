using System.Collections.Immutable;
using Grader.Core.Diagnostics;

namespace Grader.Core.Suppressions;

/// <summary>
/// Marks findings silenced by comments in the answer and reports the comments themselves when they have no reason,
/// silence nothing, or try to silence an integrity finding (only a group's configuration may do that).
/// </summary>
public static class SuppressionApplier
{
    public static ImmutableArray<Diagnostic> Apply(ImmutableArray<Diagnostic> diagnostics, ImmutableArray<SuppressionComment> comments)
    {
        if (comments.IsEmpty)
        {
            return diagnostics;
        }

        // Comments by the ids they name, in order: a finding looks only at comments that name it, so many comments
        // and many findings do not multiply.
        var byRule = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var byCriterion = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < comments.Length; i++)
        {
            foreach (var id in comments[i].Ids.Distinct(StringComparer.Ordinal))
            {
                Index(byRule, id, i);
                Index(byCriterion, id, i);
            }
        }

        var used = new bool[comments.Length];
        var result = new List<Diagnostic>(diagnostics.Length + comments.Length);
        foreach (var diagnostic in diagnostics)
        {
            // Integrity findings are never silenced from inside the answer (the comment is reported below instead).
            if (diagnostic.Descriptor.Category == Categories.Integrity)
            {
                result.Add(diagnostic);
                continue;
            }

            var match = First(byRule.GetValueOrDefault(diagnostic.Id), comments, diagnostic);
            if (diagnostic.CriterionId is not null && First(byCriterion.GetValueOrDefault(diagnostic.CriterionId), comments, diagnostic) is >= 0 and var byId
                && (match < 0 || byId < match))
            {
                match = byId;
            }

            if (match >= 0)
            {
                used[match] = true;
                var c = comments[match];
                result.Add(diagnostic with { Suppression = new Suppression("inSource", c.Reason, c.Span) });
            }
            else
            {
                result.Add(diagnostic);
            }
        }

        for (var i = 0; i < comments.Length; i++)
        {
            var c = comments[i];
            if (c.Kind == SuppressionKind.Enable)
            {
                continue;
            }

            var integrity = c.Ids.Where(id => DescriptorCatalog.Find(id.ToUpperInvariant())?.Category == Categories.Integrity).ToList();
            if (integrity.Count > 0)
            {
                Add(result, EngineDescriptors.IntegritySuppressionRefused, c, string.Join(", ", integrity));
            }
            else if (!used[i])
            {
                Add(result, EngineDescriptors.UnusedSuppression, c, string.Join(", ", c.Ids));
            }

            if (c.Reason is null)
            {
                Add(result, EngineDescriptors.SuppressionWithoutReason, c, string.Join(", ", c.Ids));
            }
        }

        result.Sort(Diagnostic.Compare);
        return [.. result];
    }

    private static void Index(Dictionary<string, List<int>> index, string id, int comment)
    {
        var list = index.TryGetValue(id, out var known) ? known : index[id] = [];
        if (list.Count == 0 || list[^1] != comment)
        {
            list.Add(comment);
        }
    }

    private static int First(List<int>? candidates, ImmutableArray<SuppressionComment> comments, Diagnostic diagnostic)
    {
        var k = candidates?.FindIndex(i => Covers(comments[i], diagnostic)) ?? -1;
        return k < 0 ? -1 : candidates![k];
    }

    private static void Add(List<Diagnostic> result, DiagnosticDescriptor descriptor, SuppressionComment comment, string ids) =>
        result.Add(new Diagnostic(descriptor, descriptor.DefaultSeverity, comment.Span, descriptor.Format(ids)));

    private static bool Covers(SuppressionComment comment, Diagnostic diagnostic)
    {
        if (comment.Kind == SuppressionKind.Enable || !Names(comment, diagnostic))
        {
            return false;
        }

        if (comment.Kind == SuppressionKind.DisableFile)
        {
            return true;
        }

        return !diagnostic.Span.IsNone && diagnostic.Span.Line >= comment.FirstLine && diagnostic.Span.Line <= comment.LastLine;
    }

    private static bool Names(SuppressionComment comment, Diagnostic diagnostic) =>
        comment.Ids.Any(id => string.Equals(id, diagnostic.Id, StringComparison.OrdinalIgnoreCase)
            || (diagnostic.CriterionId is not null && string.Equals(id, diagnostic.CriterionId, StringComparison.Ordinal)));
}
