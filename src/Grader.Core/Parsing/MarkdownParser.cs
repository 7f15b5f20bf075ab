using System.Net;
using System.Text.RegularExpressions;
using Grader.Core.Text;
using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Extensions.Tables;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Grader.Core.Parsing;

/// <summary>
/// Markdown to <see cref="DesignDocument"/>. The only place that sees Markdig's 0-based positions; everything
/// it produces is 1-based. Besides real headings it recognises the pseudo-headings authors write: bold lines,
/// "Step 3: Data" lines and numbered list items that carry nested content.
/// </summary>
public static partial class MarkdownParser
{
    /// <summary>Deeper nesting than this is read as flat text: real answers never come close.</summary>
    private const int MaxDepth = 64;

    private const int MaxPseudoHeadingWords = 10;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .UseMathematics()
        .UsePreciseSourceLocation()
        .Build();

    /// <summary>
    /// Units (sentences, list items, table rows, headings) graded at most: a long real answer has a few thousand, and
    /// every stage's work grows with them.
    /// </summary>
    public const int MaxUnits = 20_000;

    public static DesignDocument Parse(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(text);
        // Nesting deeper than any answer needs is flattened first (line numbers kept) and reported.
        var (nested, flattenedAt) = NestingGuard.Limit(text);
        var (limited, limits) = StructureLimits.Limit(nested);
        var source = new SourceText(limited);
        MarkdownDocument markdown;
        try
        {
            markdown = Markdown.Parse(source.Text, Pipeline);
        }
        catch (ArgumentException)
        {
            // Markdig's own depth limit (e.g. thousands of nested emphasis or links in one paragraph): read the
            // answer as plain paragraphs, and if even that nests, as words only. Never fail the answer.
            flattenedAt = Math.Max(flattenedAt, 1);
            source = new SourceText(PlainText().Replace(limited, " "));
            try
            {
                markdown = Markdown.Parse(source.Text, Pipeline);
            }
            catch (ArgumentException)
            {
                source = new SourceText(WordsOnly().Replace(limited, " "));
                markdown = Markdown.Parse(source.Text, Pipeline);
            }
        }

        var builder = new Builder(source);
        builder.Walk(markdown);
        if (flattenedAt > 0)
        {
            builder.AddIssue(new ParseIssue("nesting", $"Markdown nested deeper than {NestingGuard.MaxQuoteDepth} quote or {NestingGuard.MaxIndent}-space levels was flattened from here on; grading read it as plain text",
                source.GetLinesSpan(flattenedAt, flattenedAt)));
        }

        foreach (var (line, column, message) in limits)
        {
            builder.AddIssue(new ParseIssue("limit", message, new SourceSpan(line, column, line, column)));
        }

        // A reader decodes bytes that are not valid UTF-8 as U+FFFD: say where text was lost.
        if (source.Text.IndexOf('\uFFFD', StringComparison.Ordinal) is >= 0 and var lost)
        {
            var line = source.GetSpan(lost, lost).Line;
            builder.AddIssue(new ParseIssue("encoding", "The text is not valid UTF-8 from this line on; the bad bytes were read as \uFFFD replacement characters",
                source.GetLinesSpan(line, line)));
        }

        return builder.Build(path);
    }

    // Characters that open Markdown constructs; replaced when a document is too deeply nested to parse as Markdown.
    [GeneratedRegex(@"[*_`\[\]<>!#|~]", RegexOptions.CultureInvariant)]
    private static partial Regex PlainText();

    [GeneratedRegex(@"[^\p{L}\p{N}\s]", RegexOptions.CultureInvariant)]
    private static partial Regex WordsOnly();

    [GeneratedRegex(@"^\s*(?:step|part|stage|phase)\s*\d+\s*[:.)\-–—]\s*\S", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StepLineRegex();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex HtmlCommentRegex();

    [GeneratedRegex(@"<[^>]{0,2000}>", RegexOptions.CultureInvariant)]
    private static partial Regex HtmlTagRegex();

    [GeneratedRegex(@"[ \t]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex SpaceRun();

    [GeneratedRegex(@"-->|->|<-|==>|=>|\+--|--\+|[─│┌┐└┘├┤┬┴┼▶►→↓↑]", RegexOptions.CultureInvariant)]
    private static partial Regex AsciiArtRegex();

    private sealed class SectionBuilder(int index, string title, int level, HeadingStyle style, SourceSpan span, int? parent)
    {
        public int Index { get; } = index;
        public string Title { get; } = title;
        public int Level { get; } = level;
        public HeadingStyle Style { get; } = style;
        public SourceSpan Span { get; } = span;
        public int? Parent { get; } = parent;
        public List<int> Children { get; } = [];
        public List<int> Blocks { get; } = [];
    }

    // The block and unit lists of the thread's last parse, lent to its next: each parse copies them out at their size,
    // and growing new ones for every answer was 1.5 % of what grading a typical answer allocated.
    [ThreadStatic]
    private static List<Block>? t_blocks;

    [ThreadStatic]
    private static List<TextUnit>? t_units;

    private const int MaxKeptItems = 1 << 14;

    private static List<T> Lend<T>(ref List<T>? kept)
    {
        var list = kept ?? [];
        kept = null;
        return list;
    }

    private sealed class Builder(SourceText source)
    {
        private readonly List<SectionBuilder> _sections = [new(0, "", 0, HeadingStyle.Root, SourceSpan.None, null)];
        private readonly List<int> _open = [0];
        private readonly List<Block> _blocks = Lend(ref t_blocks);
        private readonly List<TextUnit> _units = Lend(ref t_units);
        private readonly List<ParseIssue> _issues = [];
        private FrontMatter _frontMatter = FrontMatter.Empty;

        // The level of the most recent real heading: pseudo-headings nest one below it.
        private int _realLevel;

        private int Current => _open[^1];

        public void AddIssue(ParseIssue issue) => _issues.Add(issue);

        public DesignDocument Build(string path)
        {
            var document = new DesignDocument(
                path,
                source,
                _frontMatter,
                [.. _sections.Select(s => new Section(s.Index, s.Title, s.Level, s.Style, s.Span, s.Parent, [.. s.Children], [.. s.Blocks]))],
                [.. _blocks],
                [.. _units],
                [.. _issues]);
            // Lists a huge answer grew are not kept for the thread's life.
            _blocks.Clear();
            _units.Clear();
            (t_blocks, t_units) = (_blocks.Capacity <= MaxKeptItems ? _blocks : null, _units.Capacity <= MaxKeptItems ? _units : null);
            return document;
        }

        public void Walk(ContainerBlock container)
        {
            foreach (var block in container)
            {
                if (_units.Count >= MaxUnits)
                {
                    Truncated(Span(block));
                    break;
                }

                VisitTopLevel(block);
            }
        }

        // Past MaxUnits nothing more is graded: the rest of the answer cannot make grading slow, and says so once.
        private void Truncated(SourceSpan at)
        {
            if (!_truncated)
            {
                _truncated = true;
                _issues.Add(new ParseIssue("limit", string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"The answer has more than {MaxUnits:N0} sentences, list items, table rows and headings; nothing from here on is graded"),
                    new SourceSpan(at.Line, at.Column, at.Line, at.Column)));
            }
        }

        private bool _truncated;

        private void VisitTopLevel(Markdig.Syntax.Block block)
        {
            switch (block)
            {
                case YamlFrontMatterBlock yaml:
                    ReadFrontMatter(yaml);
                    return;
                case HeadingBlock heading:
                    var headingTitle = InlineText.PlainText(heading.Inline, source.Text).Trim();
                    _realLevel = heading.Level;
                    OpenSection(headingTitle, heading.Level, heading.IsSetext ? HeadingStyle.Setext : HeadingStyle.Atx, Span(heading));
                    AddHeadingUnit(headingTitle, Span(heading));
                    return;
                case ParagraphBlock paragraph when TryPseudoHeading(paragraph, out var title, out var style):
                    OpenSection(title, _realLevel + 1, style, Span(paragraph));
                    AddHeadingUnit(title, Span(paragraph));
                    return;
                case ListBlock list when IsHeadingList(list):
                    VisitHeadingList(list);
                    return;
                default:
                    Visit(block, 0);
                    return;
            }
        }

        private void OpenSection(string title, int level, HeadingStyle style, SourceSpan span)
        {
            while (_open.Count > 1 && _sections[Current].Level >= level)
            {
                _open.RemoveAt(_open.Count - 1);
            }

            var section = new SectionBuilder(_sections.Count, title, level, style, span, Current);
            _sections[Current].Children.Add(section.Index);
            _sections.Add(section);
            _open.Add(section.Index);
        }

        private void VisitHeadingList(ListBlock list)
        {
            var listBlock = AddBlock(BlockKind.List, Span(list), 0, list.IsOrdered ? "ordered" : "bullet", "");
            var openBefore = _open.Count;
            foreach (var item in list.OfType<ListItemBlock>())
            {
                var first = (ParagraphBlock)item[0];
                var title = TitleOf(first);
                OpenSection(title, _realLevel + 1, HeadingStyle.NumberedItem, Span(first));
                AddHeadingUnit(title, Span(first));
                for (var i = 1; i < item.Count; i++)
                {
                    Visit(item[i], 1);
                }
            }

            // Text after the list is not inside any item: close the item sections again.
            while (_open.Count > openBefore)
            {
                _open.RemoveAt(_open.Count - 1);
            }

            _ = listBlock;
        }

        private void Visit(Markdig.Syntax.Block block, int depth)
        {
            if (depth > MaxDepth)
            {
                return;
            }

            switch (block)
            {
                case HeadingBlock heading:
                    // A heading nested in a list or quote does not open a section; it is read as text.
                    AddHeadingUnit(InlineText.PlainText(heading.Inline, source.Text).Trim(), Span(heading));
                    break;
                case ParagraphBlock paragraph:
                    VisitParagraph(paragraph, depth, UnitKind.Sentence);
                    break;
                case ListBlock list:
                    AddBlock(BlockKind.List, Span(list), depth, list.IsOrdered ? "ordered" : "bullet", "");
                    foreach (var child in list)
                    {
                        Visit(child, depth + 1);
                    }

                    break;
                case ListItemBlock item:
                    var first = item.Count > 0 ? item[0] as ParagraphBlock : null;
                    var itemText = first is null ? "" : InlineOf(first).Text;
                    AddBlock(BlockKind.ListItem, Span(item), depth, null, itemText);
                    foreach (var child in item)
                    {
                        if (child is ParagraphBlock p)
                        {
                            VisitParagraph(p, depth, UnitKind.ListItem);
                        }
                        else
                        {
                            Visit(child, depth + 1);
                        }
                    }

                    break;
                case Table table:
                    VisitTable(table, depth);
                    break;
                case MathBlock math:
                    AddBlock(BlockKind.Math, Span(math), depth, null, math.Lines.ToString());
                    break;
                case FencedCodeBlock fenced:
                    VisitCode(fenced, fenced.Info, depth);
                    break;
                case CodeBlock code:
                    VisitCode(code, null, depth);
                    break;
                case HtmlBlock html:
                    VisitHtml(html, depth);
                    break;
                case QuoteBlock quote:
                    AddBlock(BlockKind.Quote, Span(quote), depth, null, "");
                    foreach (var child in quote)
                    {
                        Visit(child, depth + 1);
                    }

                    break;
                case ThematicBreakBlock rule:
                    AddBlock(BlockKind.ThematicBreak, Span(rule), depth, null, "");
                    break;
                case ContainerBlock container:
                    foreach (var child in container)
                    {
                        Visit(child, depth + 1);
                    }

                    break;
            }
        }

        private void VisitParagraph(ParagraphBlock paragraph, int depth, UnitKind kind)
        {
            var inline = InlineOf(paragraph);
            var text = inline.Text;
            foreach (var (alt, start, end) in inline.Images)
            {
                AddBlock(BlockKind.Image, source.GetSpan(start, end), depth, alt, alt);
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                return;
            }

            var block = AddBlock(kind == UnitKind.ListItem ? BlockKind.ListItem : BlockKind.Paragraph, Span(paragraph), depth, null, text);
            if (kind == UnitKind.ListItem)
            {
                // The list item block was added by the caller; keep one block per item.
                _blocks.RemoveAt(_blocks.Count - 1);
                _sections[Current].Blocks.RemoveAt(_sections[Current].Blocks.Count - 1);
                block = _blocks.Count - 1;
            }

            foreach (var (start, length) in Sentences.Ranges(text))
            {
                var span = source.GetSpan(inline.ToSource(start), inline.ToSource(start + length - 1));
                AddUnit(kind, text.AsMemory(start, length), span, block);
            }
        }

        private void VisitTable(Table table, int depth)
        {
            var tableBlock = AddBlock(BlockKind.Table, Span(table), depth, null, "");
            // A row's text: its non-empty cells joined by " | ", a cell's paragraphs by " ".
            var cells = new List<string>();
            var parts = new List<string>();
            foreach (var row in table.OfType<TableRow>())
            {
                cells.Clear();
                foreach (var cell in row.OfType<TableCell>())
                {
                    parts.Clear();
                    foreach (var paragraph in cell.OfType<ParagraphBlock>())
                    {
                        parts.Add(InlineText.PlainText(paragraph.Inline, source.Text).Trim());
                    }

                    var joined = string.Join(" ", parts);
                    if (joined.Length > 0)
                    {
                        cells.Add(joined);
                    }
                }

                var text = string.Join(" | ", cells);
                if (text.Length > 0)
                {
                    AddUnit(UnitKind.TableRow, text, Span(row), tableBlock);
                }
            }
        }

        private void VisitCode(LeafBlock code, string? info, int depth)
        {
            var text = code.Lines.ToString();
            var language = string.IsNullOrWhiteSpace(info) ? null : info.Trim().ToLowerInvariant();
            var isDiagram = language is "mermaid" or "plantuml" or "dot" or "graphviz"
                || (language is null or "text" or "txt" or "ascii" or "plain" && AsciiArtRegex().Count(text) >= 2);
            AddBlock(isDiagram ? BlockKind.Diagram : BlockKind.Code, Span(code), depth, language, text);
        }

        private void VisitHtml(HtmlBlock html, int depth)
        {
            var raw = html.Lines.ToString();
            if (html.Type == HtmlBlockType.Comment)
            {
                AddBlock(BlockKind.HtmlComment, Span(html), depth, null, raw);
                return;
            }

            var visible = SpaceRun().Replace(WebUtility.HtmlDecode(HtmlTagRegex().Replace(HtmlCommentRegex().Replace(raw, " "), " ")), " ");
            var block = AddBlock(BlockKind.Html, Span(html), depth, null, visible);
            var firstLine = source.GetPosition(html.Span.Start).Line;
            foreach (var (start, length) in Sentences.Ranges(visible))
            {
                // Tags are stripped, so positions inside the block are approximate: locate by line.
                var before = visible.AsSpan(0, start).Count('\n');
                var line = Math.Min(source.LineCount, firstLine + before);
                AddUnit(UnitKind.Sentence, visible.Substring(start, length).ReplaceLineEndings(" "), source.GetLinesSpan(line, line), block);
            }
        }

        private void ReadFrontMatter(YamlFrontMatterBlock yaml)
        {
            var span = Span(yaml);
            var content = yaml.Lines.ToString();
            var firstContentLine = span.Line + 1;
            var (frontMatter, issue) = FrontMatterReader.Read(content, firstContentLine, span);
            _frontMatter = frontMatter;
            if (issue is not null)
            {
                _issues.Add(issue);
            }
        }

        private bool TryPseudoHeading(ParagraphBlock paragraph, out string title, out HeadingStyle style)
        {
            title = "";
            style = HeadingStyle.BoldLine;
            if (paragraph.Inline?.FirstChild is null || !IsOneLine(paragraph))
            {
                return false;
            }

            var inline = InlineOf(paragraph);
            var text = inline.Text.Trim();
            if (text.Length == 0 || Words.MoreThan(text, MaxPseudoHeadingWords))
            {
                return false;
            }

            if (IsBoldOnly(paragraph.Inline))
            {
                title = text.TrimEnd(':').Trim();
                style = HeadingStyle.BoldLine;
                return title.Length > 0;
            }

            if (StepLineRegex().IsMatch(text) && !text.EndsWith('.'))
            {
                title = text;
                style = HeadingStyle.StepLine;
                return true;
            }

            return false;
        }

        // "**Title**" or "**Title**:" — the whole line is strong emphasis.
        private static bool IsBoldOnly(ContainerInline inline)
        {
            var hasStrong = false;
            for (var node = inline.FirstChild; node is not null; node = node.NextSibling)
            {
                switch (node)
                {
                    case EmphasisInline { DelimiterCount: >= 2 }:
                        hasStrong = true;
                        break;
                    case LiteralInline literal when literal.Content.ToString().Trim() is "" or ":":
                        break;
                    default:
                        return false;
                }
            }

            return hasStrong;
        }

        // A numbered list whose items are short titles with nested content is how some authors write sections.
        private bool IsHeadingList(ListBlock list)
        {
            if (!list.IsOrdered || list.Count < 2)
            {
                return false;
            }

            var withContent = 0;
            foreach (var child in list)
            {
                if (child is not ListItemBlock item || item.Count == 0 || item[0] is not ParagraphBlock first
                    || !IsOneLine(first))
                {
                    return false;
                }

                var title = TitleOf(first);
                if (title.Length == 0 || Words.MoreThan(title, MaxPseudoHeadingWords) || title.EndsWith('.'))
                {
                    return false;
                }

                if (item.Count > 1)
                {
                    withContent++;
                }
            }

            return withContent * 2 >= list.Count;
        }

        // Markdig releases a paragraph's lines once its inlines are parsed, so ask the span.
        private bool IsOneLine(ParagraphBlock paragraph)
        {
            var span = Span(paragraph);
            return span.Line == span.EndLine;
        }

        private string TitleOf(ParagraphBlock paragraph) =>
            InlineOf(paragraph).Text.Trim().TrimEnd(':').Trim();

        // A paragraph's plain text is asked for up to three times in a row (as a pseudo-heading candidate, as a list
        // item's text, as sentences): extracted once.
        private InlineText InlineOf(ParagraphBlock paragraph)
        {
            if (!ReferenceEquals(_inlineOf, paragraph))
            {
                _inline.Read(paragraph.Inline, source.Text);
                _inlineOf = paragraph;
            }

            return _inline;
        }

        private readonly InlineText _inline = InlineText.Reusable();
        private ParagraphBlock? _inlineOf;

        private int AddBlock(BlockKind kind, SourceSpan span, int depth, string? info, string text)
        {
            var block = new Block(_blocks.Count, kind, span, Current, depth, info, text);
            _blocks.Add(block);
            _sections[Current].Blocks.Add(block.Index);
            return block.Index;
        }

        private void AddHeadingUnit(string title, SourceSpan span)
        {
            if (_units.Count >= MaxUnits)
            {
                Truncated(span);
                return;
            }

            if (title.Length > 0)
            {
                _units.Add(new TextUnit(_units.Count, UnitKind.Heading, title, span, Current, -1, Words.Count(title), false));
            }
        }

        private void AddUnit(UnitKind kind, string text, SourceSpan span, int block) => AddUnit(kind, text.AsMemory(), span, block);

        private void AddUnit(UnitKind kind, ReadOnlyMemory<char> text, SourceSpan span, int block)
        {
            if (_units.Count >= MaxUnits)
            {
                Truncated(span);
                return;
            }

            var words = Words.Count(text.Span);
            if (words == 0)
            {
                return;
            }

            _units.Add(new TextUnit(_units.Count, kind, text, span, Current, block, words, Prose.IsProse(text.Span, words)));
        }

        private SourceSpan Span(Markdig.Syntax.Block block) =>
            block.Span.IsEmpty
                ? source.GetLinesSpan(block.Line + 1, block.Line + 1)
                : source.GetSpan(block.Span.Start, block.Span.End);

        private SourceSpan Span(TableRow row) => Span((Markdig.Syntax.Block)row);
    }
}
