namespace Grader.Tests.Rubrics.Kinds;

public class AnalyzerKindTests
{
    private const string Criterion = """
        - id: kinds.baseline
          step: model
          kind: analyzer
          rule: MLSD0202
          points: 2
          message: Propose a simple baseline first.
        """;

    [Fact]
    public void Full_credit_when_the_rule_finds_nothing_in_a_step_with_prose()
    {
        var (result, finding) = KindHarness.Evaluate(Criterion, """
            ## Model

            We start with a popularity baseline because every later model needs a number to beat.
            Then we train a two-tower network on the logged interactions of the last month.
            """, "kinds.baseline");
        Assert.Equal(1, result.Fraction);
        Assert.Equal(100, result.Score);
        Assert.Null(result.ExplainedBy);
        Assert.Null(finding);
    }

    [Fact]
    public void Nothing_when_the_rule_fires_and_the_rule_explains_the_loss()
    {
        var graded = KindHarness.Grade(Criterion, """
            ## Model

            We train a two-tower network on the logged interactions of the last month.
            It uses the user history and the item text as its two inputs.
            """);
        var result = graded.Result("kinds.baseline");
        Assert.Equal(0, result.Fraction);
        Assert.Equal(0, result.Score);
        Assert.Equal("MLSD0202 reported", result.Missing);
        Assert.Equal("MLSD0202", result.ExplainedBy);
        Assert.Contains(graded.Diagnostics, d => d.Id == "MLSD0202");
    }

    [Fact]
    public void Nothing_when_the_step_has_too_little_prose_to_judge()
    {
        var (result, _) = KindHarness.Evaluate(Criterion, """
            ## Model

            A popularity baseline first.
            """, "kinds.baseline");
        Assert.Equal(0, result.Fraction);
        Assert.Equal("the model step has too little prose to judge", result.Missing);
    }
}
