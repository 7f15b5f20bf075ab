using Grader.Core.Diagnostics;
using Grader.Core.Mapping;
using Grader.Tests.Support;

namespace Grader.Tests.Analyzers;

public class StepMissingAnalyzerTests
{
    [Fact]
    public void Flags_each_step_the_answer_never_covers_with_no_location()
    {
        var graded = TestGrader.Grade("## Requirements\n\nWe serve 10M daily users and need a 200 ms p99 latency budget for the feed.\n");
        var missing = graded.Diagnostics.Where(d => d.Id == DiagnosticIds.StepMissing).ToList();
        Assert.Equal(6, missing.Count);
        Assert.DoesNotContain(missing, d => d.Step == FrameworkStep.Requirements);
        Assert.All(missing, d => Assert.True(d.Span.IsNone));
    }

    [Fact]
    public void Does_not_fire_on_a_complete_answer()
    {
        var graded = TestGrader.Engine.Grade("strong.md", TestGrader.ReadRepoFile("examples/video-recommendation/strong.md"));
        Assert.DoesNotContain(graded.Diagnostics, d => d.Id == DiagnosticIds.StepMissing);
    }
}
