using Grader.Core.Parsing;

namespace Grader.Tests.Parsing;

public class MarkdownParserTests
{
    private static DesignDocument Parse(string text) => MarkdownParser.Parse("t.md", text);

    [Fact]
    public void Reads_front_matter_keys_and_keeps_unknown_ones()
    {
        var doc = Parse("---\nproblem: news-feed\ncandidate: Ada\ncohort: 2026-spring\ntags: [a, b]\n---\n# Title\n");
        Assert.Equal("news-feed", doc.FrontMatter.Problem);
        Assert.Equal("Ada", doc.FrontMatter.Candidate);
        Assert.Equal("2026-spring", doc.FrontMatter.Values["cohort"]);
        Assert.Equal("[a, b]", doc.FrontMatter.Values["tags"]);
        Assert.Equal(new SourceSpan(1, 1, 6, 3), doc.FrontMatter.Span);
        Assert.Empty(doc.Issues);
    }

    [Fact]
    public void Reports_invalid_front_matter_at_its_line()
    {
        var doc = Parse("---\nproblem: news-feed\n  bad: [unclosed\n---\n# Title\n");
        var issue = Assert.Single(doc.Issues);
        Assert.StartsWith("Front matter is not valid YAML", issue.Message, StringComparison.Ordinal);
        Assert.InRange(issue.Span.Line, 2, 4);
    }

    [Fact]
    public void Builds_the_section_tree_from_atx_and_setext_headings_with_spans()
    {
        var doc = Parse("# Design\n\nIntro text here.\n\nRequirements\n------------\n\nWe need scale.\n\n### Sub\n\nMore.\n");
        var titles = doc.Sections.Select(s => (s.Title, s.Level, s.Style)).ToList();
        Assert.Equal(("Design", 1, HeadingStyle.Atx), titles[1]);
        Assert.Equal(("Requirements", 2, HeadingStyle.Setext), titles[2]);
        Assert.Equal(("Sub", 3, HeadingStyle.Atx), titles[3]);
        Assert.Equal(2, doc.Sections[3].Parent);
        Assert.Equal(new SourceSpan(5, 1, 6, 12), doc.Sections[2].HeadingSpan);
        Assert.Equal(new SourceSpan(1, 1, 1, 8), doc.Sections[1].HeadingSpan);
    }

    [Fact]
    public void Hash_lines_inside_code_fences_are_not_headings()
    {
        var doc = Parse("# Real\n\n```python\n# not a heading\nx = 1\n```\n");
        Assert.Equal(2, doc.Sections.Length);
        var code = Assert.Single(doc.Blocks, b => b.Kind == BlockKind.Code);
        Assert.Equal("python", code.Info);
        Assert.Equal(new SourceSpan(3, 1, 6, 3), code.Span);
    }

    [Fact]
    public void Numbered_list_items_with_nested_content_become_sections()
    {
        var doc = Parse("1. **Clarifying requirements**\n   - We serve 10M users every day.\n2. **Data**\n   - Logs of watches are joined daily.\n\nAfter the list.\n");
        Assert.Equal(["", "Clarifying requirements", "Data"], doc.Sections.Select(s => s.Title));
        Assert.All(doc.Sections.Skip(1), s => Assert.Equal(HeadingStyle.NumberedItem, s.Style));
        var after = Assert.Single(doc.Units, u => u.Text == "After the list.");
        Assert.Equal(0, after.Section);
    }

    [Fact]
    public void Plain_numbered_lists_of_sentences_stay_lists()
    {
        var doc = Parse("# T\n\n1. We first collect the logs.\n2. We then train the model on them.\n");
        Assert.Equal(2, doc.Sections.Length);
        Assert.Equal(2, doc.Units.Count(u => u.Kind == UnitKind.ListItem));
    }

    [Fact]
    public void Bold_lines_and_step_lines_become_sections()
    {
        var doc = Parse("# Answer\n\n**Scoping**\n\nWe have users.\n\nStep 3: Data\n\nWe log views.\n\n**Not a heading** because the sentence goes on.\n");
        Assert.Equal(["", "Answer", "Scoping", "Step 3: Data"], doc.Sections.Select(s => s.Title));
        Assert.Equal(HeadingStyle.BoldLine, doc.Sections[2].Style);
        Assert.Equal(HeadingStyle.StepLine, doc.Sections[3].Style);
        Assert.Equal(2, doc.Sections[2].Level);
        Assert.Equal(1, doc.Sections[2].Parent);
    }

    [Fact]
    public void Recognises_tables_mermaid_ascii_diagrams_images_and_html()
    {
        var doc = Parse("""
            | Model | Pro |
            |---|---|
            | GBDT | fast to train on tabular data |

            ```mermaid
            graph LR; A-->B
            ```

            ```
            [client] --> [ranker] --> [cache]
            ```

            ![pipeline](p.png)

            <div>Some <b>html</b> text with several words in it.</div>

            <!-- a comment -->
            """);
        var kinds = doc.Blocks.Select(b => b.Kind).ToList();
        Assert.Contains(BlockKind.Table, kinds);
        Assert.Equal(2, kinds.Count(k => k == BlockKind.Diagram));
        Assert.Contains(BlockKind.Image, kinds);
        Assert.Contains(BlockKind.Html, kinds);
        Assert.Contains(BlockKind.HtmlComment, kinds);
        Assert.Equal(2, doc.Units.Count(u => u.Kind == UnitKind.TableRow));
        Assert.Contains(doc.Units, u => u.Text.Contains("html text with several words", StringComparison.Ordinal));
        Assert.DoesNotContain(doc.Units, u => u.Text.Contains("a comment", StringComparison.Ordinal));
        Assert.Equal(new SourceSpan(13, 1, 13, 18), doc.Blocks.Single(b => b.Kind == BlockKind.Image).Span);
    }

    [Fact]
    public void Word_count_excludes_code_diagrams_and_comments()
    {
        var doc = Parse("# Title\n\nOne two three four.\n\n```\nmany words in code here\n```\n\n<!-- hidden words here -->\n");
        Assert.Equal(5, doc.WordCount);
    }

    [Fact]
    public void Sentences_have_exact_spans()
    {
        var doc = Parse("# T\n\nFirst sentence is here. Second one, e.g. this, ends here.\n");
        var units = doc.Units.Where(u => u.Kind == UnitKind.Sentence).ToList();
        Assert.Equal(2, units.Count);
        Assert.Equal(new SourceSpan(3, 1, 3, 23), units[0].Span);
        Assert.Equal(new SourceSpan(3, 25, 3, 57), units[1].Span);
    }

    [Fact]
    public void Crlf_bom_and_tabs_give_the_same_lines_and_columns()
    {
        var lf = Parse("# Title\n\nA sentence with words.\n\n-\tTabbed item with words here\n");
        var crlf = Parse("\uFEFF# Title\r\n\r\nA sentence with words.\r\n\r\n-\tTabbed item with words here\r\n");
        Assert.Equal(lf.Units.Select(u => (u.Text, u.Span)), crlf.Units.Select(u => (u.Text, u.Span)));
        Assert.Equal(new SourceSpan(5, 3, 5, 29), lf.Units.Single(u => u.Kind == UnitKind.ListItem).Span);
    }

    [Fact]
    public void Korean_text_parses_into_headings_and_prose()
    {
        var doc = Parse("## 요구 사항 명확화\n\n사용자는 매일 동영상을 시청하며 추천 목록을 원한다.\n");
        Assert.Equal("요구 사항 명확화", doc.Sections[1].Title);
        var unit = Assert.Single(doc.Units, u => u.Kind == UnitKind.Sentence);
        Assert.Equal(7, unit.WordCount);
        Assert.True(unit.IsProse);
        Assert.Equal(new SourceSpan(3, 1, 3, 29), unit.Span);
    }

    [Fact]
    public void Bare_term_lists_are_not_prose()
    {
        var doc = Parse("- two-tower\n- ANN, cold start, nDCG, drift, canary\n- We retrieve candidates with a two-tower model because it scales.\n");
        var items = doc.Units.Where(u => u.Kind == UnitKind.ListItem).ToList();
        Assert.Equal([false, false, true], items.Select(u => u.IsProse));
    }
}
