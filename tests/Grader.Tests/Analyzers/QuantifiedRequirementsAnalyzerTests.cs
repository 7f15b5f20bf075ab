using Grader.Core.Diagnostics;

namespace Grader.Tests.Analyzers;

public class QuantifiedRequirementsAnalyzerTests
{
    [Fact]
    public void Flags_requirements_without_numbers() => AnalyzerHarness.Verify(DiagnosticIds.NoQuantifiedRequirements, """
        ## Requirements <!-- expect: MLSD0201 -->

        The system must scale to a huge number of users and respond very quickly.
        """);

    [Fact]
    public void Accepts_numbers_with_units() => AnalyzerHarness.Verify(DiagnosticIds.NoQuantifiedRequirements, """
        ## Requirements

        We expect 50M DAU and 20k QPS at peak, with a p99 budget of 150 ms.
        """);

    [Fact]
    public void Numbers_under_serving_do_not_scope_the_problem() => AnalyzerHarness.Verify(DiagnosticIds.NoQuantifiedRequirements, """
        ## Requirements <!-- expect: MLSD0201 -->

        The system must be fast and serve many people around the world.

        ## Serving

        The ranker handles 20k QPS within 80 ms.
        """);
}
