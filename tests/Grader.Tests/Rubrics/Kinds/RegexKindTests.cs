namespace Grader.Tests.Rubrics.Kinds;

public class RegexKindTests
{
    private const string Criterion = """
        - id: kinds.budget
          step: model
          kind: regex
          points: 2
          pattern: "p(50|95|99) "
          atLeast: 2
          message: State latency percentiles.
        """;

    [Fact]
    public void As_many_matching_sentences_as_asked_earn_every_point()
    {
        var (result, finding) = KindHarness.Evaluate(Criterion, """
            ## Model

            The ranker must answer within the p99 budget of the feed because users scroll fast.
            We also track the p50 time so that regressions show early.
            """, "kinds.budget");
        Assert.Equal(1, result.Fraction);
        Assert.Equal(100, result.Score);
        Assert.Equal(2, result.Evidence.Length);
        Assert.Null(finding);
    }

    [Fact]
    public void One_match_of_two_earns_half_and_names_the_pattern()
    {
        var (result, finding) = KindHarness.Evaluate(Criterion, """
            ## Model

            The ranker must answer within the p99 budget of the feed because users scroll fast.
            """, "kinds.budget");
        Assert.Equal(0.5, result.Fraction);
        Assert.Equal(50, result.Score);
        Assert.Equal("1 of 2 expected matches of /p(50|95|99) /", result.Missing);
        Assert.Equal("MLSD0301", finding?.Id);
    }

    [Fact]
    public void No_match_earns_nothing()
    {
        var (result, _) = KindHarness.Evaluate(Criterion, """
            ## Model

            The ranker must answer quickly because users scroll fast.
            """, "kinds.budget");
        Assert.Equal(0, result.Fraction);
        Assert.Equal(0, result.Score);
    }
}
