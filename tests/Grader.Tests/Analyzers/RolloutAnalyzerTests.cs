using Grader.Core.Diagnostics;

namespace Grader.Tests.Analyzers;

public class RolloutAnalyzerTests
{
    [Fact]
    public void Flags_serving_without_a_rollout() => AnalyzerHarness.Verify(DiagnosticIds.NoRolloutPlan, """
        ## Serving <!-- expect: MLSD0207 -->

        We deploy the model to the cloud behind an API and it serves every user from then on.
        """);

    [Fact]
    public void Accepts_canary_and_rollback() => AnalyzerHarness.Verify(DiagnosticIds.NoRolloutPlan, """
        ## Serving

        A new model runs in shadow for a week, then a canary takes 1% of traffic, and we roll back if errors rise.
        """);
}
