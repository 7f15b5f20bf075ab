using Grader.Core.Diagnostics;

namespace Grader.Tests.Analyzers;

public class StepOrderAnalyzerTests
{
    [Fact]
    public void Flags_the_first_step_that_comes_too_early() => AnalyzerHarness.Verify(DiagnosticIds.StepsOutOfOrder, """
        ## Serving <!-- expect: MLSD0103 -->

        We serve predictions online behind an API with a cache in front.

        ## Model

        We train a two-tower model because it lets us precompute item embeddings.
        """);

    [Fact]
    public void Is_silent_when_steps_follow_the_framework() => AnalyzerHarness.Verify(DiagnosticIds.StepsOutOfOrder, """
        ## Model

        We train a two-tower model because it lets us precompute item embeddings.

        ## Serving

        We serve predictions online behind an API with a cache in front.
        """);
}
