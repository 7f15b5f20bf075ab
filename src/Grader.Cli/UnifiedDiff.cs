using System.Globalization;
using System.Text;
using DiffPlex;
using DiffPlex.Chunkers;
using Grader.Core.Reporting;

namespace Grader.Cli;

/// <summary>
/// A unified diff (<c>diff -u</c>, three lines of context) of two texts. DiffPlex finds the changed lines; the hunks are
/// written here, since DiffPlex has no unified output. Lines are the answer's, so they are shown with control
/// characters escaped (a diff is read on a terminal).
/// </summary>
internal static class UnifiedDiff
{
    private const int Context = 3;

    public static string Of(string path, string before, string after)
    {
        // Lines keep their endings, so a last line that gains a line break shows as changed, as diff shows it.
        var diff = new Differ().CreateDiffs(before, after, ignoreWhiteSpace: false, ignoreCase: false, new LineEndingsPreservingChunker());
        var (a, b) = (diff.PiecesOld, diff.PiecesNew);
        var blocks = diff.DiffBlocks;
        if (blocks.Count == 0)
        {
            return "";
        }

        var shown = UntrustedText.Visible(path);
        var text = new StringBuilder().Append("--- a/").Append(shown).Append('\n').Append("+++ b/").Append(shown).Append('\n');
        for (var i = 0; i < blocks.Count;)
        {
            // A hunk takes in every following change whose context touches its own.
            var j = i;
            while (j + 1 < blocks.Count && blocks[j + 1].DeleteStartA - (blocks[j].DeleteStartA + blocks[j].DeleteCountA) <= 2 * Context)
            {
                j++;
            }

            var aStart = Math.Max(0, blocks[i].DeleteStartA - Context);
            var bStart = blocks[i].InsertStartB - (blocks[i].DeleteStartA - aStart);
            var lastA = blocks[j].DeleteStartA + blocks[j].DeleteCountA;
            var aEnd = Math.Min(a.Count, lastA + Context);
            var bEnd = blocks[j].InsertStartB + blocks[j].InsertCountB + (aEnd - lastA);
            text.Append(CultureInfo.InvariantCulture, $"@@ -{Range(aStart, aEnd - aStart)} +{Range(bStart, bEnd - bStart)} @@\n");
            var at = aStart;
            for (var k = i; k <= j; k++)
            {
                var block = blocks[k];
                for (; at < block.DeleteStartA; at++)
                {
                    Line(text, ' ', a[at]);
                }

                for (var d = 0; d < block.DeleteCountA; d++)
                {
                    Line(text, '-', a[block.DeleteStartA + d]);
                }

                for (var n = 0; n < block.InsertCountB; n++)
                {
                    Line(text, '+', b[block.InsertStartB + n]);
                }

                at += block.DeleteCountA;
            }

            for (; at < aEnd; at++)
            {
                Line(text, ' ', a[at]);
            }

            i = j + 1;
        }

        return text.ToString();
    }

    // diff's convention: an empty range starts at the line before it.
    private static string Range(int start, int count) => count == 0 ? $"{start},0" : count == 1 ? $"{start + 1}" : $"{start + 1},{count}";

    private static void Line(StringBuilder text, char mark, string piece)
    {
        var content = piece.TrimEnd('\r', '\n');
        text.Append(mark).Append(UntrustedText.Visible(content)).Append('\n');
        if (content.Length == piece.Length)
        {
            text.Append("\\ No newline at end of file\n");
        }
    }
}
