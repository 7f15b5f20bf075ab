using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using YamlDotNet.Serialization;

namespace Grader.Tests.Support;

/// <summary>
/// The YAML DTOs (rubrics, configs) as plain object graphs: every difference between two of them by path, and a YAML
/// document that sets every key a DTO type has, so each way of reading YAML can be held to the others on all keys.
/// </summary>
internal static class DtoGraph
{
    /// <summary>
    /// Every scalar and structural difference between two DTO graphs, by path. With <paramref name="marks"/> false the
    /// [YamlIgnore] properties (the start marks and file names readers add) are left out.
    /// </summary>
    public static List<string> Differences(object? expected, object? actual, string path, bool marks = true)
    {
        var differences = new List<string>();
        Compare(expected, actual, path, marks, differences);
        return differences;
    }

    /// <summary>The properties YAML reads into, by their YAML key (camelCase).</summary>
    public static IEnumerable<(string Key, PropertyInfo Property)> Keys(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetCustomAttribute<YamlIgnoreAttribute>() is null)
            .Select(p => (char.ToLowerInvariant(p.Name[0]) + p.Name[1..], p));

    /// <summary>The DTO types reachable from <paramref name="root"/> through its keys, root first.</summary>
    public static List<Type> Types(Type root)
    {
        var found = new List<Type>();
        void Visit(Type type)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type.IsGenericType)
            {
                type.GetGenericArguments().ToList().ForEach(Visit);
            }
            else if (type.IsClass && type != typeof(string) && !found.Contains(type))
            {
                found.Add(type);
                Keys(type).ToList().ForEach(k => Visit(k.Property.PropertyType));
            }
        }

        Visit(root);
        return found;
    }

    /// <summary>
    /// A YAML document setting every key of <paramref name="type"/> and of the DTOs below it, each text value naming its
    /// key (so a value read into the wrong property shows); a DTO key of a type with no sample here fails the test.
    /// </summary>
    public static string EveryKey(Type type)
    {
        var text = new StringBuilder();
        Mapping(type, 0, text);
        return text.ToString();
    }

    /// <summary>Whether every key of every DTO in the graph was set (a reader that dropped a key leaves it null).</summary>
    public static List<string> Unset(object dto, string path)
    {
        var unset = new List<string>();
        foreach (var (key, property) in Keys(dto.GetType()))
        {
            switch (property.GetValue(dto))
            {
                case null:
                    unset.Add($"{path}.{key}");
                    break;
                case IDictionary map:
                    map.Values.Cast<object>().Where(v => v.GetType().IsClass && v is not string and not IEnumerable).ToList().ForEach(v => unset.AddRange(Unset(v, $"{path}.{key}[]")));
                    break;
                case IList list:
                    list.Cast<object>().Where(v => v.GetType().IsClass && v is not string and not IEnumerable).ToList().ForEach(v => unset.AddRange(Unset(v, $"{path}.{key}[]")));
                    break;
                case var value when value.GetType().IsClass && value is not string:
                    unset.AddRange(Unset(value, $"{path}.{key}"));
                    break;
            }
        }

        return unset;
    }

    private static void Mapping(Type type, int indent, StringBuilder text)
    {
        foreach (var (key, property) in Keys(type))
        {
            text.Append(' ', indent).Append(key).Append(':');
            Value(property.PropertyType, indent, key, text);
        }
    }

    // The value after "key:" or "-": a scalar on the same line, anything else on the lines below, indented.
    private static void Value(Type type, int indent, string key, StringBuilder text)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            text.Append(" '").Append(key).Append(" text'\n");
        }
        else if (type == typeof(int))
        {
            text.Append(" 3\n");
        }
        else if (type == typeof(double))
        {
            text.Append(" 2.5\n");
        }
        else if (type == typeof(bool))
        {
            text.Append(" true\n");
        }
        else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            text.Append('\n').Append(' ', indent + 2).Append('-');
            Value(type.GetGenericArguments()[0], indent + 2, key, text);
        }
        else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) && type.GetGenericArguments()[0] == typeof(string))
        {
            text.Append('\n').Append(' ', indent + 2).Append(key).Append("Key:");
            Value(type.GetGenericArguments()[1], indent + 2, key, text);
        }
        else if (type.IsClass)
        {
            text.Append('\n');
            Mapping(type, indent + 2, text);
        }
        else
        {
            throw new NotSupportedException($"DtoGraph has no sample value for '{key}' of type {type}; add one so every key is read on every path");
        }
    }

    private static void Compare(object? expected, object? actual, string path, bool marks, List<string> differences)
    {
        if (expected is null || actual is null)
        {
            if (expected is not null || actual is not null)
            {
                differences.Add($"{path}: {expected ?? "null"} != {actual ?? "null"}");
            }

            return;
        }

        if (expected.GetType() != actual.GetType())
        {
            differences.Add($"{path}: {expected.GetType().Name} != {actual.GetType().Name}");
            return;
        }

        switch (expected)
        {
            case string or ValueType:
                if (!Equals(expected, actual))
                {
                    differences.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: '{expected}' != '{actual}'"));
                }

                return;
            case IDictionary map:
                var other = (IDictionary)actual;
                var keys = map.Keys.Cast<object>().ToList();
                if (!keys.SequenceEqual(other.Keys.Cast<object>()))
                {
                    differences.Add($"{path}: keys [{string.Join(", ", keys)}] != [{string.Join(", ", other.Keys.Cast<object>())}]");
                    return;
                }

                foreach (var key in keys)
                {
                    Compare(map[key], other[key], $"{path}[{key}]", marks, differences);
                }

                return;
            case IList list:
                var second = (IList)actual;
                if (list.Count != second.Count)
                {
                    differences.Add($"{path}: {list.Count} items != {second.Count}");
                    return;
                }

                for (var i = 0; i < list.Count; i++)
                {
                    Compare(list[i], second[i], $"{path}[{i}]", marks, differences);
                }

                return;
        }

        foreach (var property in expected.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (marks || property.GetCustomAttribute<YamlIgnoreAttribute>() is null)
            {
                Compare(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}", marks, differences);
            }
        }
    }
}
