using System.Text;
using System.Text.RegularExpressions;

namespace Grader.Core.Llm;

/// <summary>
/// What the model is shown of an answer: HTML comments, zero-width and bidirectional control characters removed
/// (places to hide instructions), every line numbered so feedback can cite it.
/// </summary>
public static partial class AnswerSanitizer
{
    public static string ForModel(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        // Comments become blank lines of the same count, so line numbers still match the file.
        var withoutComments = Comment().Replace(text, m => new string('\n', m.Value.Count(c => c == '\n')));
        var visible = new StringBuilder(withoutComments.Length);
        foreach (var c in withoutComments)
        {
            if (c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))
            {
                continue;
            }

            visible.Append(c);
        }

        var lines = visible.ToString().ReplaceLineEndings("\n").Split('\n');
        var numbered = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            numbered.Append((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(4)).Append(" | ").Append(lines[i]).Append('\n');
        }

        return numbered.ToString();
    }

    [GeneratedRegex("<!--.*?-->", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Comment();
}
