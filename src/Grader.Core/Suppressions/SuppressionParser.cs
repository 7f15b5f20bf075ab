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

        var result = ImmutableArray.CreateBuilder<SuppressionComment>();
        for (var i = 0; i < raw.Count; i++)
        {
            var (kind, ids, reason, span) = raw[i];
            var (first, last) = kind switch
            {
                SuppressionKind.DisableFile => (0, 0),
                SuppressionKind.DisableNextLine => (NextNonBlank(source, span.EndLine + 1), NextNonBlank(source, span.EndLine + 1)),
                SuppressionKind.Enable => (span.Line, span.Line),
                _ => (span.Line, EnabledAt(raw, i, ids, source.LineCount)),
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

    // The line before the first later enable that names one of the same ids, or the end of the answer.
    private static int EnabledAt(List<(SuppressionKind Kind, string[] Ids, string? Reason, SourceSpan Span)> raw, int index, string[] ids, int lineCount)
    {
        for (var j = index + 1; j < raw.Count; j++)
        {
            if (raw[j].Kind == SuppressionKind.Enable && raw[j].Ids.Intersect(ids, StringComparer.OrdinalIgnoreCase).Any())
            {
                return raw[j].Span.Line - 1;
            }
        }

        return lineCount;
    }

    [GeneratedRegex(@"<!--\s*grader-(disable-next-line|disable-file|disable|enable)\b([^>]{0,2000}?)-->", RegexOptions.CultureInvariant)]
    private static partial Regex Comment();
}
