namespace Grader.Tests.Rubrics.Kinds;

public class OrderKindTests
{
    private const string Criterion = """
        - id: kinds.order
          step: model
          kind: order
          points: 1
          message: Follow the framework order.
        """;

    private const string Requirements = "## Requirements\n\nThe feed serves 10 million users a day because the product is global.\n\n";
    private const string Data = "## Data\n\nWe log clicks and impressions for every session so that labels are cheap.\n\n";
    private const string Model = "## Model\n\nWe start with a popularity baseline because it needs no training and gives every later model a number to beat.\n\n";

    [Fact]
    public void Steps_in_framework_order_earn_every_point()
    {
        var (result, finding) = KindHarness.Evaluate(Criterion, Requirements + Data + Model, "kinds.order");
        Assert.Equal(1, result.Fraction);
        Assert.Equal(100, result.Score);
        Assert.Null(finding);
    }

    [Fact]
    public void One_pair_of_three_out_of_order_earns_two_thirds()
    {
        var (result, finding) = KindHarness.Evaluate(Criterion, Requirements + Model + Data, "kinds.order");
        Assert.Equal(2.0 / 3, result.Fraction, 6);
        Assert.Equal(66.7, Math.Round(result.Score, 1));
        Assert.Equal("1 of 3 step pairs out of order", result.Missing);
        Assert.Equal("MLSD0301", finding?.Id);
    }

    [Fact]
    public void Fewer_than_two_headed_steps_have_no_order_and_earn_nothing()
    {
        var (result, _) = KindHarness.Evaluate(Criterion, Model, "kinds.order");
        Assert.Equal(0, result.Fraction);
        Assert.Equal(0, result.Score);
        Assert.StartsWith("fewer than two steps have headings", result.Missing, StringComparison.Ordinal);
    }
}
