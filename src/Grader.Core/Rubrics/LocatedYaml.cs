using Grader.Core.Yaml;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
using YamlDotNet.Serialization.NodeDeserializers;

namespace Grader.Core.Rubrics;

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
            YamlSyntax.RejectAliases(yaml);
            return (Deserializer.Deserialize<T?>(yaml), null);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            var (line, column, reason) = YamlSyntax.Misread(ex, yaml);
            return (null, new RubricError(file, line, column, $"{prefix}.yaml-syntax", $"Not valid YAML: {reason}"));
        }
        catch (YamlException ex)
        {
            var (code, message) = YamlSyntax.Explain(ex);
            var (line, column) = ((int)Math.Max(1, ex.Start.Line), (int)Math.Max(1, ex.Start.Column));

            // An unclosed [ or { is found only at the end of the file; point at the bracket instead.
            if (message.Contains("flow sequence", StringComparison.Ordinal) || message.Contains("flow mapping", StringComparison.Ordinal))
            {
                (line, column) = YamlSyntax.UnclosedBracket(yaml);
            }

            return (null, new RubricError(file, line, column, $"{prefix}.{code}", message));
        }
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
