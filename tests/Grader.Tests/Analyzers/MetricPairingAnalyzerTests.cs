using Grader.Core.Diagnostics;

namespace Grader.Tests.Analyzers;

public class MetricPairingAnalyzerTests
{
    [Fact]
    public void Flags_offline_only_evaluation() => AnalyzerHarness.Verify(DiagnosticIds.OnlyOfflineMetrics, """
        ## Evaluation <!-- expect: MLSD0205 -->

        We measure precision and recall on a held-out week of data.
        """);

    [Fact]
    public void Flags_online_only_evaluation() => AnalyzerHarness.Verify(DiagnosticIds.OnlyOnlineMetrics, """
        ## Evaluation <!-- expect: MLSD0206 -->

        We launch and watch the click-through rate and the watch time per user.
        """);

    [Fact]
    public void Accepts_offline_and_online_metrics_together()
    {
        const string answer = """
            ## Evaluation

            Offline we compare models on nDCG over a held-out week, and online the A/B test decides on watch time per user.
            """;
        AnalyzerHarness.Verify(DiagnosticIds.OnlyOfflineMetrics, answer);
        AnalyzerHarness.Verify(DiagnosticIds.OnlyOnlineMetrics, answer);
    }
}
