namespace Grader.Core.Configuration;

/// <summary>"Did you mean" for an id that names nothing: the closest known id, when it is a typo away.</summary>
public static class Suggestion
{
    /// <summary>The end of a sentence naming an unknown id: "; did you mean 'news-feed'?", or "." when no known id is close.</summary>
    public static string DidYouMean(string id, IEnumerable<string> known) =>
        Closest(id, known) is { } closest ? $"; did you mean '{closest}'?" : ".";

    /// <summary>
    /// The known id fewest edits away (a swap of two neighbours counts as one), compared without case; at most one
    /// edit per four characters (at least one, at most three), so 'nope' suggests nothing and 'news-fed' suggests
    /// 'news-feed'. Ties go to the first in ordinal order.
    /// </summary>
    public static string? Closest(string id, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(known);
        var limit = Math.Clamp(id.Length / 4, 1, 3);
        return known.Distinct(StringComparer.Ordinal)
            .Select(k => (Id: k, Distance: Distance(id.ToUpperInvariant(), k.ToUpperInvariant(), limit)))
            .Where(k => k.Distance <= limit && !string.Equals(k.Id, id, StringComparison.Ordinal))
            .OrderBy(k => k.Distance).ThenBy(k => k.Id, StringComparer.Ordinal)
            .Select(k => k.Id)
            .FirstOrDefault();
    }

    // Optimal string alignment distance; anything past the limit is only known to be past it.
    private static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
