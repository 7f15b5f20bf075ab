using Grader.Core.Parsing;
using Grader.Tests.Support;

namespace Grader.Tests.Analyzers;

/// <summary>Grades marked-up Markdown and checks that rule <c>id</c> fires exactly on the marked lines.</summary>
internal static class AnalyzerHarness
{
    public static void Verify(string id, string markdown, string? problem = "video-recommendation")
    {
        var (text, expected) = TestGrader.StripMarkers(markdown);
        var graded = TestGrader.Grade(text, problem);
        var actual = graded.Diagnostics.Where(d => d.Id == id && !d.Span.IsNone).Select(d => d.Span.Line).Order().ToList();
        Assert.Equal(expected.Where(e => e.Id == id).Select(e => e.Line).Order().ToList(), actual);
    }

    public static IReadOnlyList<SourceSpan> Spans(string id, string markdown, string? problem = "video-recommendation") =>
        [.. TestGrader.Grade(markdown, problem).Diagnostics.Where(d => d.Id == id).Select(d => d.Span)];
}
