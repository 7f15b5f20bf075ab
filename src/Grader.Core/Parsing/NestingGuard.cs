using System.Text;

namespace Grader.Core.Parsing;

/// <summary>
/// Caps how deeply a line nests (blockquote markers, indentation) before Markdig sees it. Real answers nest a few
/// levels; 100,000 '>' or list levels would hit Markdig's depth limit after quadratic work. Only the leading
/// characters of the lines concerned change, so line numbers stay the same.
/// </summary>
internal static class NestingGuard
{
    public const int MaxQuoteDepth = 16;
    public const int MaxIndent = 48;

    /// <summary>The text with over-deep lines flattened, and the first line flattened (0 when none was).</summary>
    public static (string Text, int FirstLine) Limit(string text)
    {
        if (!NeedsWork(text))
        {
            return (text, 0);
        }

        var output = new StringBuilder(text.Length);
        var firstLine = 0;
        var line = 1;
        var start = 0;
        while (start <= text.Length)
        {
            var end = text.IndexOf('\n', start);
            var content = end < 0 ? text[start..] : text[start..end];
            var limited = LimitLine(content);
            if (!ReferenceEquals(limited, content) && firstLine == 0)
            {
                firstLine = line;
            }

            output.Append(limited);
            if (end < 0)
            {
                break;
            }

            output.Append('\n');
            start = end + 1;
            line++;
        }

        return (output.ToString(), firstLine);
    }

    // Cheap first pass over line starts only: any run of '>', list markers or leading white space past the caps?
    private static bool NeedsWork(string text)
    {
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf('\n');
            if (LeadsTooDeep(end < 0 ? rest : rest[..end]))
            {
                return true;
            }

            rest = end < 0 ? default : rest[(end + 1)..];
        }

        return false;
    }

    private static bool LeadsTooDeep(ReadOnlySpan<char> line)
    {
        var markers = 0;
        var indent = 0;
        foreach (var c in line)
        {
            // Quote markers and list bullets or numbers each open a level: "- - - x" nests three lists.
            if (c is '>' or '-' or '*' or '+' or '.' or ')' || char.IsAsciiDigit(c))
            {
                if (++markers > MaxQuoteDepth * 3)
                {
                    return true;
                }
            }
            else if (c is ' ' or '\t')
            {
                if ((indent += c == '\t' ? 4 : 1) > MaxIndent)
                {
                    return true;
                }
            }
            else
            {
                return false;
            }
        }

        return false;
    }

    // Leading nesting tokens: '>' quote markers, and list markers ("-", "*", "+", "12." or "3)") followed by white
    // space. A run of dashes is a rule or ASCII art, not nesting.
    private static string LimitLine(string line)
    {
        var i = 0;
        var markers = 0;
        var indent = 0;
        while (i < line.Length)
        {
            if (line[i] is ' ' or '\t')
            {
                indent += line[i] == '\t' ? 4 : 1;
                i++;
            }
            else if (line[i] == '>')
            {
                markers++;
                i++;
            }
            else if (line[i] is '-' or '*' or '+' && i + 1 < line.Length && line[i + 1] is ' ' or '\t')
            {
                markers++;
                i++;
            }
            else if (char.IsAsciiDigit(line[i]))
            {
                var j = i;
                while (j < line.Length && char.IsAsciiDigit(line[j]))
                {
                    j++;
                }

                if (j + 1 < line.Length && line[j] is '.' or ')' && line[j + 1] is ' ' or '\t')
                {
                    markers++;
                    i = j + 1;
                }
                else
                {
                    break;
                }
            }
            else
            {
                break;
            }
        }

        if (markers <= MaxQuoteDepth && indent <= MaxIndent)
        {
            return line;
        }

        // Keep the words; drop the scaffolding that nests them.
        return line[i..];
    }
}
