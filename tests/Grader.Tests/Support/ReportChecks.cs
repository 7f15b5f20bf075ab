using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Grader.Tests.Support;

/// <summary>What must hold of any report, whatever the answers held: checks shared by the attack and property tests.</summary>
internal static partial class ReportChecks
{
    /// <summary>
    /// Every line of <c>--format github</c> output that starts with <c>::</c> is one Grader meant: an annotation whose
    /// fields stay escaped, or the <c>::stop-commands::TOKEN</c> … <c>::TOKEN::</c> pair around the summary lines.
    /// </summary>
    public static void OnlyGradersWorkflowCommands(string output)
    {
        string? token = null;
        foreach (var line in output.Split('\n'))
        {
            if (!line.StartsWith("::", StringComparison.Ordinal))
            {
                Assert.DoesNotContain('\r', line);
                continue;
            }

            if (StopCommands().Match(line) is { Success: true } start)
            {
                Assert.Null(token);
                token = start.Groups[1].Value;
            }
            else if (token is not null)
            {
                Assert.Equal($"::{token}::", line);
                token = null;
            }
            else
            {
                Assert.Matches(Annotation(), line);
            }
        }

        Assert.Null(token);
    }

    /// <summary>
    /// A Markdown report carries no HTML but Grader's own tags, no link or image, no @mention, and tables whose rows
    /// all have the header's cells (no pipe or line break from an answer split a row).
    /// </summary>
    public static void InertMarkdown(string markdown)
    {
        var document = Markdown.Parse(markdown, new MarkdownPipelineBuilder().UsePipeTables().Build());
        string[] own = ["<details>", "<summary>", "</summary>", "<code>", "</code>", "</details>"];
        Assert.All(document.Descendants<HtmlInline>(), html => Assert.Contains(html.Tag, own));
        foreach (var block in document.Descendants<HtmlBlock>())
        {
            Assert.All(Regex.Matches(block.Lines.ToString(), "<[^>]*>?"), tag => Assert.Contains(tag.Value, own));
        }

        Assert.Empty(document.Descendants<LinkInline>());
        Assert.Empty(document.Descendants<AutolinkInline>());
        foreach (var literal in document.Descendants<LiteralInline>())
        {
            Assert.DoesNotMatch(Mention(), literal.Content.ToString());
        }

        foreach (var table in document.Descendants<Table>())
        {
            var width = ((TableRow)table[0]).Count;
            Assert.All(table.OfType<TableRow>(), row => Assert.Equal(width, row.Count));
        }
    }

    /// <summary>Console text: no control character but the line break, so nothing can move the cursor or recolour.</summary>
    public static void PlainConsole(string text) =>
        Assert.DoesNotContain(text, c => c != '\n' && (char.IsControl(c) || c is '\u202E' or '\u2066' or '\u2028'));

    [GeneratedRegex("^::stop-commands::([0-9a-f]{32})$")]
    private static partial Regex StopCommands();

    [GeneratedRegex(@"^::(error|warning|notice) (file=[^,:\r]*(,line=\d+,col=\d+,endLine=\d+,endColumn=\d+)?,)?title=[^,:\r]*::[^\r]*$")]
    private static partial Regex Annotation();

    [GeneratedRegex(@"(?<![\w`])@[A-Za-z0-9]")]
    private static partial Regex Mention();
}
