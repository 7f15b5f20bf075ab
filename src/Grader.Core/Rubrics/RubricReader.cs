using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
using YamlDotNet.Serialization.NodeDeserializers;

namespace Grader.Core.Rubrics;

/// <summary>YAML text to <see cref="RubricDto"/>, remembering where each object started.</summary>
internal static class RubricReader
{
    public static (RubricDto? Rubric, RubricError? Error) Read(string file, string yaml)
    {
        var (dto, error) = LocatedYaml.Read<RubricDto>(file, yaml, "rubric");
        if (error is not null)
        {
            return (null, error);
        }

        if (dto is null)
        {
            return (null, new RubricError(file, 1, 1, "rubric.empty", "The rubric is empty; start with 'id:', 'title:' and 'criteria:'"));
        }

        return (Stamp(dto, file), null);
    }

    /// <summary>Records the file a rubric and its criteria were read from (errors and provenance name it).</summary>
    public static RubricDto Stamp(RubricDto dto, string file)
    {
        dto.File = file;
        foreach (var criterion in dto.Criteria ?? [])
        {
            criterion.File = file;
        }

        return dto;
    }
}

/// <summary>
/// Reads a YAML file into a DTO with YamlDotNet, recording where each object started so validation errors can
/// point at it. Aliases are refused (no alias bombs); every YAML-level failure becomes one located error.
/// </summary>
internal static class LocatedYaml
{
    private static readonly IDeserializer Deserializer = new StaticDeserializerBuilder(new YamlContext())
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .WithDuplicateKeyChecking()
        .WithNodeDeserializer(inner => new LocatingNodeDeserializer(inner), s => s.InsteadOf<ObjectNodeDeserializer>())
        .Build();

    /// <summary><paramref name="prefix"/> starts every error code, e.g. "rubric" gives "rubric.unknown-key".</summary>
    public static (T? Value, RubricError? Error) Read<T>(string file, string yaml, string prefix)
        where T : class
    {
        try
        {
            RejectAliases(yaml);
            return (Deserializer.Deserialize<T?>(yaml), null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            var (line, column, reason) = Misread(ex, yaml);
            return (null, new RubricError(file, line, column, $"{prefix}.yaml-syntax", $"Not valid YAML: {reason}"));
        }
        catch (YamlException ex)
        {
            var (code, message) = Explain(ex);
            var (line, column) = ((int)Math.Max(1, ex.Start.Line), (int)Math.Max(1, ex.Start.Column));

            // An unclosed [ or { is found only at the end of the file; point at the bracket instead.
            if (message.Contains("flow sequence", StringComparison.Ordinal) || message.Contains("flow mapping", StringComparison.Ordinal))
            {
                (line, column) = UnclosedBracket(yaml);
            }

            return (null, new RubricError(file, line, column, $"{prefix}.{code}", message));
        }
    }

    /// <summary>
    /// Where and why YAML failed when YamlDotNet threw something other than a <see cref="YamlException"/>: an
    /// <see cref="InvalidOperationException"/> for some [ or { never closed, an <see cref="ArgumentException"/> for a
    /// tag that is not a valid URI (both found by fuzzing). Call only with one of those two.
    /// </summary>
    internal static (int Line, int Column, string Reason) Misread(Exception ex, string yaml)
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
    private static (int Line, int Column) UnclosedBracket(string yaml)
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

    // Rubrics never need anchors; refusing them rules out alias bombs.
    private static void RejectAliases(string yaml)
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

    private static (string Code, string Message) Explain(YamlException ex)
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

    private sealed class LocatingNodeDeserializer(INodeDeserializer inner) : INodeDeserializer
    {
        public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
        {
            var start = reader.Current?.Start ?? Mark.Empty;
            if (!inner.Deserialize(reader, expectedType, nestedObjectDeserializer, out value, rootDeserializer))
            {
                return false;
            }

            if (value is ILocated located)
            {
                located.Start = start;
            }

            return true;
        }
    }
}
