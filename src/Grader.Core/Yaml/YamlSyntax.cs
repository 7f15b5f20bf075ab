using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Grader.Core.Yaml;

/// <summary>
/// Where and why YAML text failed to read, in words a rubric, config or front-matter author can act on. Shared by
/// every reader of YAML (front matter while parsing an answer, rubrics, configs), so it depends on none of them.
/// </summary>
internal static class YamlSyntax
{
    /// <summary>
    /// Where and why YAML failed when YamlDotNet threw something other than a <see cref="YamlException"/>: an
    /// <see cref="InvalidOperationException"/> for some [ or { never closed, an <see cref="ArgumentException"/> for a
    /// tag that is not a valid URI (both found by fuzzing). Call only with one of those two.
    /// </summary>
    public static (int Line, int Column, string Reason) Misread(Exception ex, string yaml)
    {
        if (ex is ArgumentException)
        {
            var (tagLine, tagColumn) = FirstTag(yaml);
            return (tagLine, tagColumn, "this tag (!...) is not a valid URI; quote the value if the ! is meant as text");
        }

        var (line, column) = UnclosedBracket(yaml);
        return (line, column, "this [ or { is never closed; close it on the same item");
    }

    /// <summary>Where the first tag (a ! starting a token outside quotes and comments) stands (1-based), or the start.</summary>
    private static (int Line, int Column) FirstTag(string yaml)
    {
        foreach (var (line, column, ch, previous) in Unquoted(yaml))
        {
            if (ch == '!' && (char.IsWhiteSpace(previous) || previous is '\0' or '[' or '{' or ',' or ':' or '-'))
            {
                return (line, column);
            }
        }

        return (1, 1);
    }

    /// <summary>Where the first [ or { that is never closed stands (1-based), or the end of the text.</summary>
    public static (int Line, int Column) UnclosedBracket(string yaml)
    {
        var open = new Stack<(int, int)>();
        foreach (var (line, column, ch, _) in Unquoted(yaml))
        {
            if (ch is '[' or '{')
            {
                open.Push((line, column));
            }
            else if (ch is ']' or '}' && open.Count > 0)
            {
                open.Pop();
            }
        }

        return open.Count > 0 ? open.Pop() : (yaml.Split('\n').Length, 1);
    }

    // Characters outside quoted scalars and comments, with the character before each ('\0' at a line's start).
    private static IEnumerable<(int Line, int Column, char Ch, char Previous)> Unquoted(string yaml)
    {
        var lines = yaml.Split('\n');
        for (var l = 0; l < lines.Length; l++)
        {
            var quote = '\0';
            for (var c = 0; c < lines[l].Length; c++)
            {
                var ch = lines[l][c];
                var previous = c == 0 ? '\0' : lines[l][c - 1];
                if (quote != '\0')
                {
                    quote = ch == quote ? '\0' : quote;
                }
                else if (ch is '"' or '\'')
                {
                    quote = ch;
                }
                else if (ch == '#' && (c == 0 || char.IsWhiteSpace(previous)))
                {
                    break;
                }
                else
                {
                    yield return (l + 1, c + 1, ch, previous);
                }
            }
        }
    }

    /// <summary>Throws a located <see cref="YamlException"/> at the first alias: refusing them rules out alias bombs.</summary>
    public static void RejectAliases(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        while (parser.MoveNext())
        {
            if (parser.Current is AnchorAlias alias)
            {
                throw new YamlException(alias.Start, alias.End, "YAML aliases (*name) are not allowed here; write the value out");
            }
        }
    }

    /// <summary>A stable code ("unknown-key", "wrong-type", ...) and a message for a YamlDotNet failure.</summary>
    public static (string Code, string Message) Explain(YamlException ex)
    {
        var message = (ex.InnerException?.Message ?? ex.Message).Trim();
        if (message.StartsWith("Property '", StringComparison.Ordinal) && message.Contains("not found on type", StringComparison.Ordinal))
        {
            var name = message.Split('\'')[1];
            return ("unknown-key", $"Unknown key '{name}'; the allowed keys are listed in the format's JSON Schema");
        }

        if (message.StartsWith("YAML aliases", StringComparison.Ordinal))
        {
            return ("alias", message);
        }

        if (ex.InnerException is FormatException or InvalidCastException or OverflowException
            || message.Contains("Failed to create an instance", StringComparison.Ordinal)
            || message.Contains("Expected 'SequenceStart'", StringComparison.Ordinal)
            || message.Contains("Expected 'MappingStart'", StringComparison.Ordinal)
            || message.Contains("Expected 'Scalar'", StringComparison.Ordinal))
        {
            return ("wrong-type", $"Wrong type of value here ({message.TrimEnd('.')}); numbers are plain (points: 3), lists use [a, b] or '- ' items");
        }

        if (message.Contains("Duplicate key", StringComparison.Ordinal))
        {
            return ("duplicate-key", $"{message.TrimEnd('.')}; each key may appear once per mapping");
        }

        return ("yaml-syntax", $"Not valid YAML: {message.TrimEnd('.')}");
    }
}
