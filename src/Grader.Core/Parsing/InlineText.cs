using System.Text;
using Markdig.Extensions.Mathematics;
using Markdig.Syntax.Inlines;

namespace Grader.Core.Parsing;

/// <summary>Plain text of an inline tree, with a map from each plain-text index back to a source offset.</summary>
internal sealed class InlineText
{
    // One builder per thread, lent to each paragraph in turn: a builder of its own grew chunk by chunk for every
    // paragraph. An image's alt text, extracted while its paragraph holds the builder, gets a new one.
    [ThreadStatic]
    private static StringBuilder? t_builder;

    private const int MaxKeptCapacity = 1 << 16;

    // Null where only the text is wanted (headings, table cells, alt text): no map is kept for them.
    private readonly List<(int Plain, int Source, int Length)>? _segments;
    private List<(string Alt, int Start, int End)>? _images;

    // The thread's builder while Read runs.
    private StringBuilder? _text;

    private InlineText(bool mapped) => _segments = mapped ? new(8) : null;

    /// <summary>
    /// A text with its map, for <see cref="Read"/> to fill paragraph after paragraph: a parse reads every paragraph
    /// once, in turn, and a new reader, map and list for each was 6 % of what parsing a typical answer allocated.
    /// </summary>
    public static InlineText Reusable() => new(mapped: true);

    /// <summary>The plain text.</summary>
    public string Text { get; private set; } = "";

    public IReadOnlyList<(string Alt, int Start, int End)> Images => _images ?? [];

    /// <summary>The plain text alone, for text that is never located within (a heading, a table cell).</summary>
    public static string PlainText(ContainerInline? inline, string source)
    {
        var text = new InlineText(mapped: false);
        text.Read(inline, source);
        return text.Text;
    }

    /// <summary>Replaces this text, its map and its images with those of <paramref name="inline"/>.</summary>
    public void Read(ContainerInline? inline, string source)
    {
        _segments?.Clear();
        _images?.Clear();
        var builder = t_builder ?? new StringBuilder(256);
        t_builder = null;
        _text = builder;
        if (inline?.FirstChild is not null)
        {
            Walk(inline.FirstChild, source);
        }

        Text = builder.ToString();
        _text = null;
        // A builder a huge paragraph grew is not kept for the thread's life.
        t_builder = builder.Capacity <= MaxKeptCapacity ? builder.Clear() : null;
    }

    /// <summary>The source offset of a plain-text index (clamped to the nearest mapped character).</summary>
    public int ToSource(int plainIndex)
    {
        if (_segments is null)
        {
            throw new InvalidOperationException("This text was extracted without its map to the source.");
        }

        if (_segments.Count == 0)
        {
            return 0;
        }

        var lo = 0;
        var hi = _segments.Count - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (_segments[mid].Plain <= plainIndex)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        var s = _segments[lo];
        return s.Source + Math.Clamp(plainIndex - s.Plain, 0, Math.Max(0, s.Length - 1));
    }

    private void Append(string text, int sourceStart) => Append(text, 0, text.Length, sourceStart);

    // Part of a string, copied straight into the plain text (a literal's slice of the source needs no string of its own).
    private void Append(string text, int start, int length, int sourceStart)
    {
        if (length <= 0)
        {
            return;
        }

        var builder = _text!;
        _segments?.Add((builder.Length, sourceStart, length));
        builder.Append(text, start, length);
    }

    private void Walk(Inline inline, string source)
    {
        for (var node = inline; node is not null; node = node.NextSibling)
        {
            switch (node)
            {
                case LiteralInline literal:
                    var slice = literal.Content;
                    var start = ReferenceEquals(slice.Text, source) ? slice.Start : literal.Span.Start;
                    if (slice.Text is not null)
                    {
                        Append(slice.Text, slice.Start, slice.Length, start);
                    }

                    break;
                case CodeInline code:
                    Append(code.Content, code.Span.Start + code.DelimiterCount);
                    break;
                case LineBreakInline lineBreak:
                    Append(" ", lineBreak.Span.Start);
                    break;
                case HtmlEntityInline entity:
                    Append(entity.Transcoded.ToString(), entity.Span.Start);
                    break;
                case AutolinkInline autolink:
                    Append(autolink.Url, autolink.Span.Start + 1);
                    break;
                case MathInline math:
                    Append(" ", math.Span.Start);
                    break;
                case HtmlInline:
                    break;
                case LinkInline { IsImage: true } image:
                    (_images ??= []).Add((PlainText(image, source), image.Span.Start, image.Span.End));
                    break;
                case ContainerInline container when container.FirstChild is not null:
                    Walk(container.FirstChild, source);
                    break;
            }
        }
    }
}
