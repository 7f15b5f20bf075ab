using System.Collections.Immutable;
using Grader.Core.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Grader.Core.Parsing;

/// <summary>
/// Reads the top-level keys of YAML front matter from the event stream. Aliases are never expanded,
/// so an alias bomb costs nothing; nested values are kept as their source text. Nesting stops at
/// <see cref="MaxDepth"/>: YamlDotNet's scanner does work per open level for every token, so 100,000 '[' took 60 s.
/// </summary>
internal static class FrontMatterReader
{
    public const int MaxDepth = 32;

    public static (FrontMatter FrontMatter, ParseIssue? Issue) Read(string yaml, int firstContentLine, SourceSpan span)
    {
        var values = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        try
        {
            var parser = new Parser(new StringReader(yaml));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return (new FrontMatter(span, null, null, values.ToImmutable()), null);
            }

            parser.Consume<DocumentStart>();
            if (!parser.TryConsume<MappingStart>(out _))
            {
                if (parser.Accept<Scalar>(out var scalar) && string.IsNullOrWhiteSpace(scalar.Value))
                {
                    return (new FrontMatter(span, null, null, values.ToImmutable()), null);
                }

                return (new FrontMatter(span, null, null, values.ToImmutable()),
                    new ParseIssue("front-matter", "Front matter must be a YAML mapping of keys to values, e.g. 'problem: news-feed'", span));
            }

            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var key = parser.Consume<NodeEvent>();
                var keyText = key is Scalar k ? k.Value : key.ToString() ?? "";
                if (SkipNode(parser, key) is { } keyTooDeep)
                {
                    return TooDeep(span, values, keyTooDeep, firstContentLine);
                }

                var value = parser.Current;
                var text = value switch
                {
                    Scalar s => s.Value,
                    AnchorAlias alias => "*" + alias.Value,
                    _ => Slice(yaml, value!.Start, null),
                };
                var valueStart = value!.Start;
                if (!parser.MoveNext())
                {
                    break;
                }

                if (value is MappingStart or SequenceStart)
                {
                    if (SkipRemainder(parser) is { } tooDeep)
                    {
                        return TooDeep(span, values, tooDeep, firstContentLine);
                    }

                    text = Slice(yaml, valueStart, parser.Current?.Start).TrimEnd();
                }

                values[keyText] = text;
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            var (line, column, reason) = YamlSyntax.Misread(ex, yaml);
            line += firstContentLine - 1;
            return (new FrontMatter(span, null, null, values.ToImmutable()),
                new ParseIssue("front-matter", $"Front matter is not valid YAML: {reason}", new SourceSpan(line, column, line, column)));
        }
        catch (YamlException ex)
        {
            var line = firstContentLine + (int)Math.Max(0, ex.Start.Line - 1);
            var column = (int)Math.Max(1, ex.Start.Column);
            var message = ex.InnerException?.Message ?? ex.Message;
            return (new FrontMatter(span, null, null, values.ToImmutable()),
                new ParseIssue("front-matter", $"Front matter is not valid YAML: {FirstSentence(message)}", new SourceSpan(line, column, line, column)));
        }

        values.TryGetValue("problem", out var problem);
        values.TryGetValue("candidate", out var candidate);
        return (new FrontMatter(span, Clean(problem), Clean(candidate), values.ToImmutable()), null);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // The nested value is not read at all past the limit: what was read before it stays.
    private static (FrontMatter, ParseIssue?) TooDeep(SourceSpan span, ImmutableSortedDictionary<string, string>.Builder values, Mark at, int firstContentLine)
    {
        var line = firstContentLine + (int)Math.Max(0, at.Line - 1);
        var column = (int)Math.Max(1, at.Column);
        values.TryGetValue("problem", out var problem);
        values.TryGetValue("candidate", out var candidate);
        return (new FrontMatter(span, Clean(problem), Clean(candidate), values.ToImmutable()),
            new ParseIssue("limit", $"Front matter nests deeper than {MaxDepth} levels; it is read no further from here", new SourceSpan(line, column, line, column)));
    }

    private static Mark? SkipNode(IParser parser, ParsingEvent consumed) =>
        consumed is MappingStart or SequenceStart ? SkipRemainder(parser) : null;

    // Called just after a MappingStart/SequenceStart (under the top-level mapping) has been consumed: skip to after
    // its end, or stop where the nesting passes the limit and say where.
    private static Mark? SkipRemainder(IParser parser)
    {
        var depth = 1;
        while (depth > 0)
        {
            var e = parser.Current;
            if (e is MappingStart or SequenceStart)
            {
                // The top-level mapping is one level, this collection another.
                if (++depth + 1 > MaxDepth)
                {
                    return e.Start;
                }
            }
            else if (e is MappingEnd or SequenceEnd)
            {
                depth--;
            }

            if (!parser.MoveNext())
            {
                return null;
            }
        }

        return null;
    }

    private static string Slice(string yaml, Mark start, Mark? end)
    {
        var from = (int)Math.Clamp(start.Index, 0, yaml.Length);
        var to = end is { } e ? (int)Math.Clamp(e.Index, from, yaml.Length) : yaml.Length;
        return yaml[from..to];
    }

    private static string FirstSentence(string message)
    {
        var index = message.IndexOf(". ", StringComparison.Ordinal);
        return index > 0 ? message[..index] : message.TrimEnd('.');
    }
}
