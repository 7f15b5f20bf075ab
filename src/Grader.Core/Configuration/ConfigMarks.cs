using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Grader.Core.Configuration;

/// <summary>
/// Where each node of a config file stands, by its path of keys and list indexes (<c>rules</c>, <c>MLSD0201</c>), so an
/// error or a notice can point at the key or the value it is about. Built from YamlDotNet's parser events, which carry
/// 1-based line and column marks; only call it on text that already deserialized.
/// </summary>
internal sealed class ConfigMarks
{
    private readonly Dictionary<string, (Mark Key, Mark Value)> _marks = new(StringComparer.Ordinal);

    private ConfigMarks()
    {
    }

    public static ConfigMarks Of(string yaml)
    {
        var marks = new ConfigMarks();
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();
        if (parser.TryConsume<DocumentStart>(out _) && parser.Current is not DocumentEnd)
        {
            marks.Walk(parser, "");
        }

        return marks;
    }

    /// <summary>Where the key at <paramref name="path"/> is written (a list item: where the item starts), else the file's start.</summary>
    public (int Line, int Column) Key(params string[] path) => At(path, key: true);

    /// <summary>Where the value at <paramref name="path"/> starts, else where its key is, else the file's start.</summary>
    public (int Line, int Column) Value(params string[] path) => At(path, key: false);

    private (int Line, int Column) At(string[] path, bool key)
    {
        for (var length = path.Length; length > 0; length--)
        {
            if (_marks.TryGetValue(Join(path.AsSpan(0, length)), out var mark))
            {
                var m = key || length < path.Length ? mark.Key : mark.Value;
                return ((int)Math.Max(1, m.Line), (int)Math.Max(1, m.Column));
            }
        }

        return (1, 1);
    }

    private static string Join(ReadOnlySpan<string> path) => string.Join('\0', path.ToArray());

    private static string Child(string path, string name) => path.Length == 0 ? name : path + "\0" + name;

    private void Walk(IParser parser, string path)
    {
        switch (parser.Current)
        {
            case MappingStart:
                parser.MoveNext();
                while (parser.Current is not MappingEnd)
                {
                    var key = parser.Current!;
                    var name = key is Scalar scalar ? scalar.Value : null;
                    parser.SkipThisAndNestedEvents();
                    if (name is not null)
                    {
                        _marks.TryAdd(Child(path, name), (key.Start, parser.Current!.Start));
                        Walk(parser, Child(path, name));
                    }
                    else
                    {
                        parser.SkipThisAndNestedEvents();
                    }
                }

                parser.MoveNext();
                break;
            case SequenceStart:
                parser.MoveNext();
                for (var i = 0; parser.Current is not SequenceEnd; i++)
                {
                    var item = Child(path, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    _marks.TryAdd(item, (parser.Current!.Start, parser.Current.Start));
                    Walk(parser, item);
                }

                parser.MoveNext();
                break;
            default:
                parser.SkipThisAndNestedEvents();
                break;
        }
    }
}
