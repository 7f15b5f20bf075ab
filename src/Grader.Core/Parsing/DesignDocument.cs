using System.Collections.Immutable;

namespace Grader.Core.Parsing;

/// <summary>A parsed answer: front matter, a flat section tree, content blocks and the text units analyzers read.</summary>
public sealed record DesignDocument(
    string Path,
    SourceText Source,
    FrontMatter FrontMatter,
    ImmutableArray<Section> Sections,
    ImmutableArray<Block> Blocks,
    ImmutableArray<TextUnit> Units,
    ImmutableArray<ParseIssue> Issues)
{
    public Section Root => Sections[0];

    /// <summary>True when <paramref name="section"/> is <paramref name="ancestor"/> or nested under it.</summary>
    public bool IsWithin(int section, int ancestor)
    {
        for (int? s = section; s is { } i; s = Sections[i].Parent)
        {
            if (i == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Words in prose, lists, tables and headings; code, diagrams, math and HTML comments excluded.</summary>
    public int WordCount { get; } = Units.Sum(u => u.WordCount);

    public IEnumerable<Section> Descendants(Section section)
    {
        foreach (var child in section.Children)
        {
            yield return Sections[child];
            foreach (var grandChild in Descendants(Sections[child]))
            {
                yield return grandChild;
            }
        }
    }
}

/// <summary>YAML front matter: the known keys and every other top-level scalar, kept as text.</summary>
public sealed record FrontMatter(
    SourceSpan Span,
    string? Problem,
    string? Candidate,
    ImmutableSortedDictionary<string, string> Values)
{
    public static FrontMatter Empty { get; } = new(SourceSpan.None, null, null, ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal));

    public bool IsPresent => !Span.IsNone;
}

public enum HeadingStyle
{
    /// <summary>The implicit section holding everything before the first heading.</summary>
    Root,
    Atx,
    Setext,
    /// <summary>An ordered-list item whose short first line titles the content nested under it.</summary>
    NumberedItem,
    /// <summary>A paragraph that is only bold text, e.g. <c>**Data preparation**</c>.</summary>
    BoldLine,
    /// <summary>A one-line paragraph such as <c>Step 3: Data</c>.</summary>
    StepLine,
}

/// <summary>A heading and what it governs. Sections form a tree through indices into <see cref="DesignDocument.Sections"/>.</summary>
public sealed record Section(
    int Index,
    string Title,
    int Level,
    HeadingStyle Style,
    SourceSpan HeadingSpan,
    int? Parent,
    ImmutableArray<int> Children,
    ImmutableArray<int> Blocks)
{
    public bool IsRoot => Style == HeadingStyle.Root;
}

public enum BlockKind
{
    Paragraph,
    List,
    ListItem,
    Table,
    Code,
    Diagram,
    Image,
    Html,
    HtmlComment,
    Quote,
    Math,
    ThematicBreak,
}

/// <summary>A content block. <see cref="Info"/> is the fence language for code, the alt text for images.</summary>
public sealed record Block(int Index, BlockKind Kind, SourceSpan Span, int Section, int Depth, string? Info, string Text);

public enum UnitKind
{
    Heading,
    Sentence,
    ListItem,
    TableRow,
}

/// <summary>
/// The grain analyzers read: a sentence, a list item's own text, a table row, or a heading.
/// <see cref="IsProse"/> marks text written as a statement rather than a bare term.
/// </summary>
/// <remarks>
/// A sentence is a slice of its paragraph's text (<see cref="Content"/>), not a copy: matching reads it in place, and
/// only a unit quoted as evidence becomes a string of its own (<see cref="Text"/>). Equality compares the text, not
/// where it is kept.
/// </remarks>
public sealed record TextUnit(int Index, UnitKind Kind, ReadOnlyMemory<char> Content, SourceSpan Span, int Section, int Block, int WordCount, bool IsProse)
{
    private string? _text;

    public TextUnit(int index, UnitKind kind, string text, SourceSpan span, int section, int block, int wordCount, bool isProse)
        : this(index, kind, text.AsMemory(), span, section, block, wordCount, isProse)
    {
        _text = text;
    }

    // A copy made with `with` may change Content, so it does not keep the string made from the original's.
    private TextUnit(TextUnit original)
    {
        (Index, Kind, Content, Span) = (original.Index, original.Kind, original.Content, original.Span);
        (Section, Block, WordCount, IsProse) = (original.Section, original.Block, original.WordCount, original.IsProse);
    }

    /// <summary>The unit's text as a string, made once when first asked for.</summary>
    public string Text => _text ??= Content.ToString();

    public bool Equals(TextUnit? other) =>
        other is not null && Index == other.Index && Kind == other.Kind && Content.Span.SequenceEqual(other.Content.Span)
        && Span == other.Span && Section == other.Section && Block == other.Block && WordCount == other.WordCount
        && IsProse == other.IsProse;

    public override int GetHashCode() => HashCode.Combine(Index, Kind, string.GetHashCode(Content.Span), Span, Section, Block, WordCount, IsProse);
}

/// <summary>A problem in the answer's own syntax (e.g. front matter that is not YAML).</summary>
public sealed record ParseIssue(string Code, string Message, SourceSpan Span);
