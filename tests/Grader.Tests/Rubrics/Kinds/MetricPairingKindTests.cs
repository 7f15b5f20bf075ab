namespace Grader.Tests.Rubrics.Kinds;

public class MetricPairingKindTests
{
    private const string Criterion = """
        - id: kinds.metrics
          step: model
          kind: metric-pairing
          points: 2
          offline: [[auc], [log loss]]
          online: [[click-through rate, ctr]]
          message: Pair an offline ranking metric with an online one.
        """;

    [Fact]
    public void An_offline_and_an_online_metric_earn_every_point()
    {
        var (result, finding) = KindHarness.Evaluate(Criterion, """
            ## Model

            We select the model with the best AUC on the held-out week because it measures ranking quality.
            The launch decision rests on click-through rate in an experiment, since offline gains may not transfer.
            """, "kinds.metrics");
        Assert.Equal(1, result.Fraction);
        Assert.Equal(100, result.Score);
        Assert.Equal(2, result.Evidence.Length);
        Assert.Null(finding);
    }

    [Fact]
    public void Only_an_offline_metric_earns_half_and_says_online_is_missing()
    {
        var (result, finding) = KindHarness.Evaluate(Criterion, """
            ## Model

            We select the model with the best AUC on the held-out week because it measures ranking quality.
            """, "kinds.metrics");
        Assert.Equal(0.5, result.Fraction);
        Assert.Equal(50, result.Score);
        Assert.StartsWith("online:", result.Missing, StringComparison.Ordinal);
        Assert.Equal("MLSD0301", finding?.Id);
    }

    [Fact]
    public void No_metric_earns_nothing()
    {
        var (result, _) = KindHarness.Evaluate(Criterion, """
            ## Model

            We select the model that the team likes best after reading a sample of its rankings.
            """, "kinds.metrics");
        Assert.Equal(0, result.Fraction);
        Assert.Equal(0, result.Score);
    }
}
