using Grader.Core.Reporting;

namespace Grader.Tests.Reporting;

public class UntrustedTextTests
{
    [Theory]
    [InlineData("plain é 中 😀", "plain é 中 😀")]
    [InlineData("a\u001b[2Jb", @"a\x1b[2Jb")]
    [InlineData("one\ntwo\r\tthree", @"one\ntwo\r\tthree")]
    [InlineData("\u007f\u009b\u0000", @"\x7f\x9b\x00")]
    [InlineData("abc\u202edcba\u2066\u2028", @"abc\u202edcba\u2066\u2028")]
    public void Visible_turns_every_control_into_an_escape_on_one_line(string text, string expected) =>
        Assert.Equal(expected, UntrustedText.Visible(text));

    [Theory]
    [InlineData("tab\tnewline\n", "tab\tnewline\n")]
    [InlineData("a\u0001b\uffffc", "a\uFFFDb\uFFFDc")]
    [InlineData("😀", "😀")]
    public void ForXml_replaces_only_what_xml_cannot_carry(string text, string expected) =>
        Assert.Equal(expected, UntrustedText.ForXml(text));

    [Fact]
    public void Lone_surrogates_are_escaped_or_replaced_and_pairs_kept()
    {
        // Built at run time: attribute metadata cannot carry a lone surrogate.
        var text = $"lone {(char)0xD800} and {(char)0xDC00}, pair \ud83d\ude00";

        Assert.Equal(@"lone \ud800 and \udc00, pair 😀", UntrustedText.Visible(text));
        Assert.Equal("lone \uFFFD and \uFFFD, pair 😀", UntrustedText.ForXml(text));
    }

    [Theory]
    [InlineData("</details><h1>x</h1>", "&lt;/details&gt;&lt;h1&gt;x&lt;/h1&gt;")]
    [InlineData("cc @org/team", "cc @\u2060org/team")]
    [InlineData("![i](https://e/x.png) *b* a|b", @"!\[i\](https://e/x.png) \*b\* a\|b")]
    [InlineData("line\nbreak", @"line\\nbreak")]
    public void Markdown_leaves_no_html_link_mention_or_cell_break(string text, string expected) =>
        Assert.Equal(expected, UntrustedText.Markdown(text));

    [Theory]
    [InlineData("a.md", "`a.md`")]
    [InlineData("a`b``c.md", "```a`b``c.md```")]
    [InlineData("`x`", "`` `x` ``")]
    [InlineData("a|b", @"`a\|b`")]
    public void MarkdownCode_fences_longer_than_any_backtick_run(string text, string expected) =>
        Assert.Equal(expected, UntrustedText.MarkdownCode(text));
}
