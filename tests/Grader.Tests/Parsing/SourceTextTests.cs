using CsCheck;
using Grader.Core.Parsing;

namespace Grader.Tests.Parsing;

/// <summary>Lines start after every "\r\n", "\n" and lone "\r", as editors and Markdig count them.</summary>
public sealed class SourceTextTests
{
    [Fact]
    public void Lines_start_after_every_kind_of_line_break()
    {
        Gen.OneOf(Gen.Const('\r'), Gen.Const('\n'), Gen.Const('a'), Gen.Const('é')).Array[0, 60].Select(c => new string(c)).Sample(text =>
        {
            var expected = new List<int> { 0 };
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                if (text[i] is '\r' or '\n')
                {
                    expected.Add(i + 1);
                }
            }

            var source = new SourceText(text);
            Assert.Equal(expected, Enumerable.Range(1, source.LineCount).Select(source.LineStart));
        }, iter: 10_000);
    }

    [Fact]
    public void Positions_are_right_in_any_order_of_look_ups()
    {
        // The line of the last look-up is tried first: reading order, jumps back and far ahead must all find the line.
        var texts = Gen.OneOf(Gen.Const('\r'), Gen.Const('\n'), Gen.Const('a')).Array[0, 80].Select(c => new string(c));
        Gen.Select(texts, Gen.Int[-3, 90].Array[1, 40]).Sample((text, offsets) =>
        {
            var source = new SourceText(text);
            var starts = Enumerable.Range(1, source.LineCount).Select(source.LineStart).ToList();
            foreach (var asked in offsets)
            {
                var offset = Math.Clamp(asked, 0, text.Length);
                var line = starts.FindLastIndex(s => s <= offset) + 1;
                Assert.Equal((line, offset - starts[line - 1] + 1), source.GetPosition(asked));
            }
        }, iter: 10_000);
    }
}
