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
        catch (YamlException ex)
        {
            return (null, new RubricError(file, (int)Math.Max(1, ex.Start.Line), (int)Math.Max(1, ex.Start.Column), "rubric.yaml", Explain(ex)));
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
                throw new YamlException(alias.Start, alias.End, "YAML aliases (*name) are not allowed in rubrics; write the value out");
            }
        }
    }

    private static string Explain(YamlException ex)
    {
        var message = (ex.InnerException?.Message ?? ex.Message).Trim();
        if (message.StartsWith("Property '", StringComparison.Ordinal) && message.Contains("not found on type", StringComparison.Ordinal))
        {
            var name = message.Split('\'')[1];
            return $"Unknown key '{name}'. Allowed keys are listed in rubrics/rubric.schema.json";
        }

        if (ex.InnerException is FormatException || message.Contains("Failed to create an instance", StringComparison.Ordinal))
        {
            return $"Wrong type of value: {message}";
        }

        return message;
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
