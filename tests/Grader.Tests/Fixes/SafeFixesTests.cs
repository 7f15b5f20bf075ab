using Grader.Core.Diagnostics;
using Grader.Core.Fixes;
using Grader.Core.Mapping;
using Grader.Tests.Support;

namespace Grader.Tests.Fixes;

public sealed class SafeFixesTests
{
    private static readonly string Weak = TestGrader.ReadRepoFile("examples/video-recommendation/weak.md");

    private static Grader.Core.Rubrics.Rubric Rubric(string id = "video-recommendation") =>
        TestGrader.Engine.Catalog.TryGet(id, out var rubric) ? rubric : throw new InvalidOperationException(id);

    [Fact]
    public void A_step_skeleton_is_what_init_writes_for_that_step()
    {
        var document = AnswerSkeleton.Document(Rubric());
        var step = AnswerSkeleton.Step(Rubric(), FrameworkStep.Monitoring);
        Assert.StartsWith("## Monitoring and maintenance\n\n<!-- Cover (10 points):\n  - ", step, StringComparison.Ordinal);
        Assert.EndsWith("-->\n\n", step, StringComparison.Ordinal);
        Assert.Contains(step, document, StringComparison.Ordinal);
        Assert.StartsWith("### Monitoring", AnswerSkeleton.Step(Rubric(), FrameworkStep.Monitoring, level: 3), StringComparison.Ordinal);
        Assert.Equal(step.Replace("\n", "\r\n", StringComparison.Ordinal), AnswerSkeleton.Step(Rubric(), FrameworkStep.Monitoring, newline: "\r\n"));
    }

    [Fact]
    public void Every_missing_step_is_inserted_in_framework_order_and_regrading_finds_none_missing()
    {
        var result = TestGrader.Engine.Grade("weak.md", Weak);
        var fixes = SafeFixes.Structural(result, Rubric());
        Assert.Equal(["Insert the missing 'Framing the problem as an ML task' step", "Insert the missing 'Monitoring and maintenance' step"], fixes.Select(f => f.Title));

        var fixedText = SafeFixes.Apply(Weak, fixes.SelectMany(f => f.Edits));
        var headings = fixedText.Split('\n').Where(l => l.StartsWith("## ", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["## Requirements", "## Framing the problem as an ML task", "## Data", "## Model", "## Important concepts", "## Evaluation", "## Deployment", "## Monitoring and maintenance"],
            headings);
        var regraded = TestGrader.Engine.Grade("weak.md", fixedText);
        Assert.DoesNotContain(regraded.Diagnostics, d => d.Id == DiagnosticIds.StepMissing);

        // Nothing the candidate wrote is lost: removing the insertions gives the original back.
        var inserted = fixes.SelectMany(f => f.Edits).Sum(e => e.Text.Length);
        Assert.Equal(Weak.Length + inserted, fixedText.Length);
        Assert.Empty(SafeFixes.Structural(regraded, Rubric()));
    }

    [Fact]
    public void A_step_missing_after_every_headed_step_goes_after_the_last_steps_section_and_before_an_appendix()
    {
        const string Text = """
            ---
            problem: video-recommendation
            ---
            # Video recommendations

            ## Requirements

            Serve 200 million daily users with a p99 latency of 150 ms.

            ## Data

            Watch logs give implicit labels; likes give explicit ones.

            # Appendix

            Notes.
            """;
        var result = TestGrader.Engine.Grade("a.md", Text);
        var missing = result.Diagnostics.First(d => d.Id == DiagnosticIds.StepMissing && d.Step == FrameworkStep.Model);
        var fix = SafeFixes.InsertStep(result, Rubric(), missing);
        var edit = Assert.Single(fix.Edits);
        Assert.Equal(14, edit.Line);
        Assert.StartsWith("## Model development", edit.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Insertions_keep_CRLF_line_endings_and_an_unterminated_last_line_is_ended_first()
    {
        var crlf = Weak.Replace("\n", "\r\n", StringComparison.Ordinal).TrimEnd();
        var result = TestGrader.Engine.Grade("weak.md", crlf);
        var fixedText = SafeFixes.Apply(crlf, SafeFixes.Structural(result, Rubric()).SelectMany(f => f.Edits));
        Assert.DoesNotContain("\n", fixedText.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("more videos.\r\n\r\n## Monitoring and maintenance\r\n", fixedText, StringComparison.Ordinal);
        Assert.EndsWith("-->\r\n", fixedText, StringComparison.Ordinal);
    }

    [Fact]
    public void Front_matter_is_added_only_when_the_problem_was_detected_not_declared()
    {
        var declared = TestGrader.Engine.Grade("weak.md", Weak);
        Assert.Null(SafeFixes.FrontMatter(declared));

        var bare = Weak[Weak.IndexOf("# Video", StringComparison.Ordinal)..];
        var titled = TestGrader.Engine.Grade("weak.md", bare);
        var add = SafeFixes.FrontMatter(titled)!;
        Assert.StartsWith("---\nproblem: video-recommendation\n---\n\n# Video Recommendation System\n", SafeFixes.Apply(bare, add.Edits), StringComparison.Ordinal);

        // Front matter without a problem gets the line added inside it.
        var partial = "---\ncandidate: Kevin\n---\n" + bare;
        var fix = SafeFixes.FrontMatter(TestGrader.Engine.Grade("weak.md", partial))!;
        Assert.StartsWith("---\nproblem: video-recommendation\ncandidate: Kevin\n---\n# Video", SafeFixes.Apply(partial, fix.Edits), StringComparison.Ordinal);
    }

    [Fact]
    public void A_finding_about_something_absent_is_suppressed_for_the_file_below_the_front_matter()
    {
        var result = TestGrader.Engine.Grade("weak.md", Weak);
        var drift = result.Diagnostics.Single(d => d.Id == DiagnosticIds.NoDriftOrRetraining);
        var fix = SafeFixes.Suppress(result, drift)!;
        var suppressedText = SafeFixes.Apply(Weak, fix.Edits);
        Assert.Contains("---\n<!-- grader-disable-file MLSD0208 -- reason -->\n\n# Video", suppressedText, StringComparison.Ordinal);
        var regraded = TestGrader.Engine.Grade("weak.md", suppressedText);
        Assert.True(regraded.Diagnostics.Single(d => d.Id == DiagnosticIds.NoDriftOrRetraining).IsSuppressed);
        Assert.DoesNotContain(regraded.Diagnostics, d => d.Id is DiagnosticIds.SuppressionWithoutReason or DiagnosticIds.UnusedSuppression);
    }

    [Fact]
    public void A_suppression_above_a_nested_list_item_keeps_its_indentation()
    {
        const string Text = "- one\n  - two\n";
        var result = TestGrader.Engine.Grade("a.md", Text);
        var finding = new Diagnostic(DescriptorCatalog.All.First(d => d.Id == DiagnosticIds.NoTradeOffs), Severity.Warning, new Grader.Core.Parsing.SourceSpan(2, 3, 2, 9), "m");
        var fix = SafeFixes.Suppress(result, finding)!;
        Assert.Equal("- one\n  <!-- grader-disable-next-line MLSD0204 -- reason -->\n  - two\n", SafeFixes.Apply(Text, fix.Edits));
    }

    [Fact]
    public void Apply_keeps_the_order_of_insertions_at_one_place_and_appends_past_the_end()
    {
        Assert.Equal("a\nXY\nb!", SafeFixes.Apply("a\nb", [new TextInsertion(2, 1, "X"), new TextInsertion(2, 1, "Y\n"), new TextInsertion(9, 1, "!")]));
        Assert.Equal("\uFEFF#a\n", SafeFixes.Apply("\uFEFFa\n", [new TextInsertion(1, 1, "#")]));
    }
}
