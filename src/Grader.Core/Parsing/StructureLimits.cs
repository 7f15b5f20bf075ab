using System.Text.RegularExpressions;

namespace Grader.Core.Parsing;

/// <summary>
/// Caps the shapes that cost Markdig far more than their size, before it sees them: table rows wider than
/// <see cref="MaxTableColumns"/> cells (a 10,000-column table took 6 s and 1.4 GB), more than
/// <see cref="MaxReferenceDefinitions"/> link reference definitions (a run of them is re-copied once per definition:
/// 100,000 took 25 s) and more than <see cref="MaxSetextHeadings"/> underlined headings (each one costs Markdig work
/// in proportion to the blocks before it: 100,000 took 13 s). Each replacement is one character for one, so lines and
/// columns stay where they were.
/// </summary>
internal static partial class StructureLimits
{
    public const int MaxTableColumns = 200;
    public const int MaxReferenceDefinitions = 500;
    public const int MaxSetextHeadings = 100;

    /// <summary>Shown instead of a cell separator past the limit: the extra cells read as text of the last cell.</summary>
    private const char BrokenBar = '\u00A6';

    // How many times `first` is followed by one of `next`: what counting "]:", or "\n-", "\n=" and "\n " and adding, gives
    // (none of them can overlap itself), in one pass that stops only at `first` (counting each pair alone scanned
    // the whole text once per pair, for every answer).
    internal static int Followed(string text, char first, string next)
    {
        var count = 0;
        var rest = text.AsSpan();
        for (var at = rest.IndexOf(first); at >= 0; at = rest.IndexOf(first))
        {
            rest = rest[(at + 1)..];
            count += !rest.IsEmpty && next.AsSpan().Contains(rest[0]) ? 1 : 0;
        }

        return count;
    }

    /// <summary>The text with over-wide rows and surplus definitions neutralised, and where each limit was first hit.</summary>
    public static (string Text, List<(int Line, int Column, string Message)> Hits) Limit(string text)
    {
        var hits = new List<(int Line, int Column, string Message)>();
        if (text.AsSpan().Count('|') <= MaxTableColumns && Followed(text, ']', ":") <= MaxReferenceDefinitions
            && Followed(text, '\n', "-= ") <= MaxSetextHeadings)
        {
            return (text, hits);
        }

        var chars = text.ToCharArray();
        var (definitions, setext) = (0, 0);
        var (wide, surplus, underlined) = (false, false, false);
        var previousBlank = true;
        var line = 1;
        for (var start = 0; start < chars.Length; line++)
        {
            var end = Array.IndexOf(chars, '\n', start);
            end = end < 0 ? chars.Length : end;
            var pipes = 0;
            for (var i = start; i < end; i++)
            {
                if (chars[i] == '|' && ++pipes > MaxTableColumns)
                {
                    chars[i] = BrokenBar;
                    if (!wide)
                    {
                        wide = true;
                        hits.Add((line, i - start + 1, $"A table row has more than {MaxTableColumns} cells; the cells past the {MaxTableColumns}th are read as text of the last one"));
                    }
                }
            }

            if (ReferenceDefinition().Match(text, start, end - start) is { Success: true } definition && ++definitions > MaxReferenceDefinitions)
            {
                var bracket = definition.Index + definition.Length - 1;
                chars[bracket] = ' ';
                if (!surplus)
                {
                    surplus = true;
                    hits.Add((line, bracket - start + 1, $"The answer has more than {MaxReferenceDefinitions} link reference definitions; the ones from here on are read as text"));
                }
            }

            // An underline ("---" or "===") under a line of text: past the limit '-' becomes '*' (still a rule, as
            // "---" is without text above it) and '=' a look-alike (plain text).
            var blank = chars.AsSpan(start, end - start).Trim(" \t\r").IsEmpty;
            if (!previousBlank && SetextUnderline().IsMatch(text.AsSpan(start, end - start)) && ++setext > MaxSetextHeadings)
            {
                var first = chars.AsSpan(start, end - start).IndexOfAny('-', '=');
                if (!underlined)
                {
                    underlined = true;
                    hits.Add((line, first + 1, $"The answer has more than {MaxSetextHeadings} underlined (setext) headings; the underlines from here on are read as rules or text, use '#' headings"));
                }

                chars.AsSpan(start, end - start).Replace('-', '*');
                chars.AsSpan(start, end - start).Replace('=', '\uFF1D');
            }

            previousBlank = blank;
            start = end + 1;
        }

        return (new string(chars), hits);
    }

    [GeneratedRegex(@"^ {0,3}(?:=+|-+)[ \t\r]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SetextUnderline();

    // "[label]: destination" at the start of a line, possibly inside quotes or list items: the '[' that opens it.
    [GeneratedRegex(@"\G[ \t>*+\-0-9.)]{0,64}\[(?=[^\]\n]{1,999}\]:)", RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceDefinition();
}
