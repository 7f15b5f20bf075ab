using System.Text.RegularExpressions;

namespace Grader.Core.Parsing;

/// <summary>
/// Caps two shapes that cost Markdig far more than their size before it sees them: table rows wider than
/// <see cref="MaxTableColumns"/> cells (a 10,000-column table took 6 s and 1.4 GB) and more than
/// <see cref="MaxReferenceDefinitions"/> link reference definitions (a run of them is re-copied once per definition:
/// 100,000 took 25 s). Each replacement is one character for one, so lines and columns stay where they were.
/// </summary>
internal static partial class WidthGuard
{
    public const int MaxTableColumns = 200;
    public const int MaxReferenceDefinitions = 500;

    /// <summary>Shown instead of a cell separator past the limit: the extra cells read as text of the last cell.</summary>
    private const char BrokenBar = '\u00A6';

    /// <summary>The text with over-wide rows and surplus definitions neutralised, and where each limit was first hit.</summary>
    public static (string Text, List<(int Line, int Column, string Message)> Hits) Limit(string text)
    {
        var hits = new List<(int Line, int Column, string Message)>();
        if (text.AsSpan().Count('|') <= MaxTableColumns && text.AsSpan().Count("]:") <= MaxReferenceDefinitions)
        {
            return (text, hits);
        }

        var chars = text.ToCharArray();
        var definitions = 0;
        var (wide, surplus) = (false, false);
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

            start = end + 1;
        }

        return (new string(chars), hits);
    }

    // "[label]: destination" at the start of a line, possibly inside quotes or list items: the '[' that opens it.
    [GeneratedRegex(@"\G[ \t>*+\-0-9.)]{0,64}\[(?=[^\]\n]{1,999}\]:)", RegexOptions.CultureInvariant)]
    private static partial Regex ReferenceDefinition();
}
