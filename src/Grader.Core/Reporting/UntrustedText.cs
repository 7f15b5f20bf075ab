using System.Globalization;
using System.Text;

namespace Grader.Core.Reporting;

/// <summary>
/// Escaping for text a submitter controls (file names, front matter, headings, finding messages that quote them,
/// model replies, commit subjects), one method per consumer. Each keeps the text readable and makes it inert there.
/// </summary>
public static class UntrustedText
{
    private const string Ellipsis = "…";

    /// <summary>
    /// For a terminal or a log: control characters (C0, DEL, C1, so ESC and newlines too), bidirectional overrides,
    /// line separators and lone surrogates become visible escapes such as <c>\x1b</c>, <c>\n</c> or <c>\u202e</c>,
    /// so one field stays on one line and can neither move the cursor, recolour, retitle nor reorder what follows.
    /// </summary>
    public static string Visible(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var i = 0;
        while (i < text.Length && !NeedsEscape(text, i))
        {
            i++;
        }

        if (i == text.Length)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16).Append(text, 0, i);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (!NeedsEscape(text, i))
            {
                escaped.Append(c);
                continue;
            }

            escaped.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < '\u0100' => string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}"),
                _ => string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}"),
            });
        }

        return escaped.ToString();
    }

    /// <summary>
    /// For XML 1.0 text and attributes: characters XML cannot carry (C0 controls other than tab, newline and carriage
    /// return, U+FFFE, U+FFFF, lone surrogates) become U+FFFD instead of making the writer throw.
    /// </summary>
    public static string ForXml(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        StringBuilder? clean = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var valid = c switch
            {
                '\t' or '\n' or '\r' => true,
                < ' ' or '\uFFFE' or '\uFFFF' => false,
                _ when char.IsHighSurrogate(c) => i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]),
                _ when char.IsLowSurrogate(c) => i > 0 && char.IsHighSurrogate(text[i - 1]),
                _ => true,
            };
            if (!valid)
            {
                clean ??= new StringBuilder(text.Length).Append(text, 0, i);
                clean.Append('\uFFFD');
            }
            else
            {
                clean?.Append(c);
            }
        }

        return clean?.ToString() ?? text;
    }

    /// <summary>
    /// For inline Markdown on GitHub (table cells, list items, quotes): one line, the punctuation that opens links,
    /// images, emphasis, code or table cells backslash-escaped (no link or image without <c>[</c>), <c>&lt;</c>,
    /// <c>&gt;</c> and <c>&amp;</c> as entities, and a word joiner after each <c>@</c> so no one is mentioned.
    /// </summary>
    public static string Markdown(string? text)
    {
        var visible = Visible(text);
        var md = new StringBuilder(visible.Length + 16);
        foreach (var c in visible)
        {
            switch (c)
            {
                case '<':
                    md.Append("&lt;");
                    break;
                case '>':
                    md.Append("&gt;");
                    break;
                case '&':
                    md.Append("&amp;");
                    break;
                case '@':
                    // GitHub links @user and @org/team; a word joiner between '@' and the name stops that.
                    md.Append("@\u2060");
                    break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '|' or '~':
                    md.Append('\\').Append(c);
                    break;
                default:
                    md.Append(c);
                    break;
            }
        }

        return md.ToString();
    }

    /// <summary>
    /// A Markdown code span that holds <paramref name="text"/> literally whatever backticks it contains: the fence is
    /// one backtick longer than the longest run inside. Pipes are escaped so the span can sit in a table cell.
    /// </summary>
    public static string MarkdownCode(string? text)
    {
        var visible = Visible(text).Replace("|", "\\|", StringComparison.Ordinal);
        int longest = 0, run = 0;
        foreach (var c in visible)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', longest + 1);
        // A span that starts or ends with a backtick needs a space inside the fence; CommonMark strips one each side.
        var pad = visible.StartsWith('`') || visible.EndsWith('`') || (visible.StartsWith(' ') && visible.EndsWith(' ')) ? " " : "";
        return fence + pad + visible + pad + fence;
    }

    /// <summary>The first <paramref name="max"/> characters, with an ellipsis when something was cut (never half a pair).</summary>
    public static string Truncate(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut] + Ellipsis;
    }

    private static bool NeedsEscape(string text, int i)
    {
        var c = text[i];
        return c switch
        {
            < ' ' or >= '\u007F' and <= '\u009F' => true,
            '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') => true,
            '\u2028' or '\u2029' => true,
            _ when char.IsHighSurrogate(c) => i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]),
            _ when char.IsLowSurrogate(c) => i == 0 || !char.IsHighSurrogate(text[i - 1]),
            _ => false,
        };
    }
}
