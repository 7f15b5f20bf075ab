using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
using YamlDotNet.Serialization.NodeDeserializers;

namespace Grader.Core.Rubrics;

/// <summary>YAML text to <see cref="RubricDto"/>, remembering where each object started.</summary>
internal static class RubricReader
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .WithDuplicateKeyChecking()
        .WithNodeDeserializer(inner => new LocatingNodeDeserializer(inner), s => s.InsteadOf<ObjectNodeDeserializer>())
        .Build();

    public static (RubricDto? Rubric, RubricError? Error) Read(string file, string yaml)
    {
        try
        {
            RejectAliases(yaml);
            var dto = Deserializer.Deserialize<RubricDto?>(yaml);
            if (dto is null)
            {
                return (null, new RubricError(file, 1, 1, "rubric.empty", "The rubric is empty; start with 'id:', 'title:' and 'criteria:'"));
            }

            dto.File = file;
            foreach (var criterion in dto.Criteria ?? [])
            {
                criterion.File = file;
            }

            return (dto, null);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (not a YamlException) when a [ or { is never closed.
            var (line, column) = UnclosedBracket(yaml);
            return (null, new RubricError(file, line, column, "rubric.yaml-syntax", "Not valid YAML: this [ or { is never closed; close it on the same item"));
        }
        catch (YamlException ex)
        {
            var (code, message) = Explain(ex);
            return (null, new RubricError(file, (int)Math.Max(1, ex.Start.Line), (int)Math.Max(1, ex.Start.Column), code, message));
        }
    }

    private static (int Line, int Column) UnclosedBracket(string yaml)
    {
        var open = new Stack<(int, int)>();
        var lines = yaml.Split('\n');
        for (var l = 0; l < lines.Length; l++)
        {
            var quote = '\0';
            for (var c = 0; c < lines[l].Length; c++)
            {
                var ch = lines[l][c];
                if (quote != '\0')
                {
                    quote = ch == quote ? '\0' : quote;
                }
                else if (ch is '"' or '\'')
                {
                    quote = ch;
                }
                else if (ch == '#' && (c == 0 || char.IsWhiteSpace(lines[l][c - 1])))
                {
                    break;
                }
                else if (ch is '[' or '{')
                {
                    open.Push((l + 1, c + 1));
                }
                else if (ch is ']' or '}' && open.Count > 0)
                {
                    open.Pop();
                }
            }
        }

        return open.Count > 0 ? open.Pop() : (lines.Length, 1);
    }

    // Rubrics never need anchors; refusing them rules out alias bombs.
    private static void RejectAliases(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        while (parser.MoveNext())
        {
            if (parser.Current is AnchorAlias alias)
            {
                throw new YamlException(alias.Start, alias.End, "YAML aliases (*name) are not allowed in rubrics; write the value out");
            }
        }
    }

    private static (string Code, string Message) Explain(YamlException ex)
    {
        var message = (ex.InnerException?.Message ?? ex.Message).Trim();
        if (message.StartsWith("Property '", StringComparison.Ordinal) && message.Contains("not found on type", StringComparison.Ordinal))
        {
            var name = message.Split('\'')[1];
            return ("rubric.unknown-key", $"Unknown key '{name}'; the keys a rubric may use are listed in rubrics/rubric.schema.json");
        }

        if (message.StartsWith("YAML aliases", StringComparison.Ordinal))
        {
            return ("rubric.alias", message);
        }

        if (ex.InnerException is FormatException or InvalidCastException or OverflowException
            || message.Contains("Failed to create an instance", StringComparison.Ordinal)
            || message.Contains("Expected 'SequenceStart'", StringComparison.Ordinal)
            || message.Contains("Expected 'MappingStart'", StringComparison.Ordinal)
            || message.Contains("Expected 'Scalar'", StringComparison.Ordinal))
        {
            return ("rubric.wrong-type", $"Wrong type of value here ({message.TrimEnd('.')}); numbers are plain (points: 3), lists use [a, b] or '- ' items");
        }

        if (message.Contains("Duplicate key", StringComparison.Ordinal))
        {
            return ("rubric.duplicate-key", $"{message.TrimEnd('.')}; each key may appear once per mapping");
        }

        return ("rubric.yaml-syntax", $"Not valid YAML: {message.TrimEnd('.')}");
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
