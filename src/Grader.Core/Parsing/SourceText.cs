namespace Grader.Core.Parsing;

/// <summary>
/// The answer's text with a line table. Offsets are UTF-16 indices into <see cref="Text"/> (BOM removed);
/// columns count UTF-16 code units (SARIF reports say so with columnKind utf16CodeUnits).
/// </summary>
public sealed class SourceText
{
    private readonly int[] _lineStarts;

    public SourceText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Text = text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        _lineStarts = ComputeLineStarts(Text);
    }

    public string Text { get; }

    public int LineCount => _lineStarts.Length;

    public int LineStart(int line) => _lineStarts[line - 1];

    /// <summary>The text of a 1-based line without its line break.</summary>
    public string GetLine(int line)
    {
        var start = _lineStarts[line - 1];
        var end = line < _lineStarts.Length ? _lineStarts[line] : Text.Length;
        while (end > start && (Text[end - 1] == '\n' || Text[end - 1] == '\r'))
        {
            end--;
        }

        return Text[start..end];
    }

    public (int Line, int Column) GetPosition(int offset)
    {
        offset = Math.Clamp(offset, 0, Math.Max(0, Text.Length));
        var line = LineIndexOf(offset);
        return (line + 1, offset - _lineStarts[line] + 1);
    }

    // The 0-based line holding offset. Spans are asked for in reading order, nearly always on the line of the last
    // look-up or a line or two on, so those are tried before a binary search. The hint is only read and checked: threads
    // sharing the text may overwrite each other's, never get a wrong line.
    private int LineIndexOf(int offset)
    {
        var starts = _lineStarts;
        var hint = _lineHint;
        if ((uint)hint < (uint)starts.Length && starts[hint] <= offset)
        {
            for (var line = hint; line < starts.Length && line <= hint + NearLines; line++)
            {
                if (line + 1 == starts.Length || starts[line + 1] > offset)
                {
                    _lineHint = line;
                    return line;
                }
            }
        }

        var index = starts.AsSpan().BinarySearch(offset);
        var found = index >= 0 ? index : ~index - 1;
        _lineHint = found;
        return found;
    }

    private const int NearLines = 3;
    private int _lineHint;

    /// <summary>The span of the inclusive offset range [start, end], trimmed of trailing line breaks.</summary>
    public SourceSpan GetSpan(int start, int end)
    {
        if (Text.Length == 0)
        {
            return new SourceSpan(1, 1, 1, 1);
        }

        // Markdig spans can point one past the end on malformed input; clamp rather than throw.
        start = Math.Clamp(start, 0, Text.Length - 1);
        end = Math.Clamp(end, start, Math.Max(start, Text.Length - 1));
        while (end > start && (Text[end] == '\n' || Text[end] == '\r'))
        {
            end--;
        }

        var (line, column) = GetPosition(start);
        var (endLine, endColumn) = GetPosition(end);
        return new SourceSpan(line, column, endLine, endColumn);
    }

    /// <summary>A span covering whole lines, first to last.</summary>
    public SourceSpan GetLinesSpan(int firstLine, int lastLine)
    {
        firstLine = Math.Clamp(firstLine, 1, LineCount);
        lastLine = Math.Clamp(lastLine, firstLine, LineCount);
        var length = GetLine(lastLine).Length;
        return new SourceSpan(firstLine, 1, lastLine, Math.Max(1, length));
    }

    // A line starts after each "\r\n", "\n" or lone "\r"; breaks found by a vectorised search, into an array sized by
    // counting them (a CRLF text is trimmed once at the end).
    private static int[] ComputeLineStarts(string text)
    {
        var span = text.AsSpan();
        var starts = new int[1 + span.Count('\n') + span.Count('\r')];
        var count = 1;
        for (var i = 0; ;)
        {
            var at = span[i..].IndexOfAny('\r', '\n');
            if (at < 0)
            {
                break;
            }

            i += at;
            if (span[i] == '\r' && i + 1 < span.Length && span[i + 1] == '\n')
            {
                i++;
            }

            starts[count++] = ++i;
        }

        return count == starts.Length ? starts : starts[..count];
    }
}
