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
}
