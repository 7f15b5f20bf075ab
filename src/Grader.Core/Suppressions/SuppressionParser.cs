using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Grader.Core.Parsing;

namespace Grader.Core.Suppressions;

/// <summary>Finds <c>grader-disable</c> comments in an answer and works out the lines each one covers.</summary>
public static partial class SuppressionParser
{
    public static ImmutableArray<SuppressionComment> Parse(SourceText source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var raw = new List<(SuppressionKind Kind, string[] Ids, string? Reason, SourceSpan Span)>();
        foreach (Match m in Comment().Matches(source.Text))
        {
            var kind = m.Groups[1].Value switch
            {
                "disable-next-line" => SuppressionKind.DisableNextLine,
                "disable-file" => SuppressionKind.DisableFile,
                "enable" => SuppressionKind.Enable,
                _ => SuppressionKind.Disable,
            };
            var body = m.Groups[2].Value;
            var separator = body.IndexOf("--", StringComparison.Ordinal);
            var ids = (separator >= 0 ? body[..separator] : body).Split([',', ' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
            var reason = separator >= 0 ? body[(separator + 2)..].Trim() : null;
            raw.Add((kind, ids, string.IsNullOrEmpty(reason) ? null : reason, source.GetSpan(m.Index, m.Index + m.Length - 1)));
        }

        // Per id, the positions of later enables, walked backwards once: each disable finds its enable by lookup
        // instead of scanning every later comment (100,000 disables would otherwise cost 10^10 steps).
        var enabledAt = new int[raw.Count];
        var nextEnable = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = raw.Count - 1; i >= 0; i--)
        {
            var (kind, ids, _, span) = raw[i];
            if (kind == SuppressionKind.Enable)
            {
                foreach (var id in ids)
                {
                    nextEnable[id] = i;
                }

                continue;
            }

            var first = raw.Count;
            foreach (var id in ids)
            {
                if (nextEnable.TryGetValue(id, out var j) && j < first)
                {
                    first = j;
                }
            }

            enabledAt[i] = first < raw.Count ? raw[first].Span.Line - 1 : source.LineCount;
        }

        var result = ImmutableArray.CreateBuilder<SuppressionComment>();
        for (var i = 0; i < raw.Count; i++)
        {
            var (kind, ids, reason, span) = raw[i];
            var (first, last) = kind switch
            {
                SuppressionKind.DisableFile => (0, 0),
                SuppressionKind.DisableNextLine => (NextNonBlank(source, span.EndLine + 1), NextNonBlank(source, span.EndLine + 1)),
                SuppressionKind.Enable => (span.Line, span.Line),
                _ => (span.Line, enabledAt[i]),
            };
            result.Add(new SuppressionComment(kind, [.. ids], reason, span, first, last));
        }

        return result.ToImmutable();
    }

    private static int NextNonBlank(SourceText source, int line)
    {
        while (line <= source.LineCount && string.IsNullOrWhiteSpace(source.GetLine(line)))
        {
            line++;
        }

        return Math.Min(line, source.LineCount);
    }

    [GeneratedRegex(@"<!--\s*grader-(disable-next-line|disable-file|disable|enable)\b([^>]{0,2000}?)-->", RegexOptions.CultureInvariant)]
    private static partial Regex Comment();
}
