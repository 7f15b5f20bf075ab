using Grader.Core.Diagnostics;
using Grader.Tests.Support;

namespace Grader.Tests.Analyzers;

public class DriftRetrainingAnalyzerTests
{
    [Fact]
    public void Flags_monitoring_without_drift_or_retraining() => AnalyzerHarness.Verify(DiagnosticIds.NoDriftOrRetraining, """
        ## Monitoring <!-- expect: MLSD0208 -->

        We look at the service dashboards every morning and check that the latency is fine.
        """);

    [Fact]
    public void Says_which_half_is_missing()
    {
        var graded = TestGrader.Grade("## Monitoring\n\nWe alert when feature drift exceeds a threshold on the dashboard for two days running.\n");
        var finding = Assert.Single(graded.Diagnostics, d => d.Id == DiagnosticIds.NoDriftOrRetraining);
        Assert.Contains("no retraining plan", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Accepts_drift_detection_with_retraining() => AnalyzerHarness.Verify(DiagnosticIds.NoDriftOrRetraining, """
        ## Monitoring

        We alert when data drift exceeds a threshold, and we retrain weekly on fresh labels before a shadow comparison.
        """);
}
