namespace Grader.Tests.Rubrics.Kinds;

public class QuantitiesKindTests
{
    private const string Criterion = """
        - id: kinds.figures
          step: model
          kind: quantities
          points: 2
          quantities: [users, latency]
          atLeast: 2
          message: Give the scale and the latency budget.
        """;

    [Fact]
    public void A_figure_of_each_kind_earns_every_point()
    {
        var (result, finding) = KindHarness.Evaluate(Criterion, """
            ## Model

            The model serves 10 million daily active users.
            Each ranking call must return within 80 ms at p99.
            """, "kinds.figures");
        Assert.Equal(1, result.Fraction);
        Assert.Equal(100, result.Score);
        Assert.Null(finding);
    }

    [Fact]
    public void One_kind_of_two_earns_half_and_names_the_missing_one()
    {
        var (result, finding) = KindHarness.Evaluate(Criterion, """
            ## Model

            The model serves 10 million daily active users.
            Each ranking call must return quickly, because people leave a slow feed.
            """, "kinds.figures");
        Assert.Equal(0.5, result.Fraction);
        Assert.Equal(50, result.Score);
        Assert.Equal("no figures for: latency", result.Missing);
        Assert.Equal("MLSD0301", finding?.Id);
    }

    [Fact]
    public void Words_without_figures_earn_nothing()
    {
        var (result, _) = KindHarness.Evaluate(Criterion, """
            ## Model

            The model serves many users and answers fast.
            """, "kinds.figures");
        Assert.Equal(0, result.Fraction);
        Assert.Equal(0, result.Score);
    }
}
