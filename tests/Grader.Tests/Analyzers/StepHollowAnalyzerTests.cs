using Grader.Core.Diagnostics;
using Grader.Core.Parsing;

namespace Grader.Tests.Analyzers;

public class StepHollowAnalyzerTests
{
    [Fact]
    public void Flags_headings_with_placeholder_bodies() => AnalyzerHarness.Verify(DiagnosticIds.StepHollow, """
        ## Requirements

        We need to serve ten million daily users with a feed that loads quickly, and we assume a p99 budget of 200 ms.

        ## Monitoring <!-- expect: MLSD0102 -->

        * Monitoring

        ## Serving <!-- expect: MLSD0102 -->

        TBD
        """);

    [Fact]
    public void Reports_the_exact_heading_span()
    {
        var spans = AnalyzerHarness.Spans(DiagnosticIds.StepHollow, "# A\n\n### 9. Monitoring\n\n* Monitoring\n");
        Assert.Equal([new SourceSpan(3, 1, 3, 17)], spans);
    }

    [Fact]
    public void Does_not_flag_a_step_with_real_prose() => AnalyzerHarness.Verify(DiagnosticIds.StepHollow, """
        ## Monitoring

        We watch the prediction distribution and feature drift daily, and page on-call when the online metric falls.
        """);
}
