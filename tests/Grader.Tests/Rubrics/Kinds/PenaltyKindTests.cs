namespace Grader.Tests.Rubrics.Kinds;

/// <summary>A penalty offers nothing to earn, so the step holds one other criterion (4 points): the penalty (1 point) is worth 25.</summary>
public class PenaltyKindTests
{
    private const string Filler = """
        - id: kinds.filler
          step: model
          kind: concepts
          points: 4
          concepts: [[baseline]]
          message: Name a baseline.
        """;

    private const string ByTerm = Filler + """

        - id: kinds.penalty
          step: model
          kind: penalty
          points: 1
          terms: [blockchain]
          message: A blockchain has no place in a ranking model.
        """;

    private const string ByPattern = Filler + """

        - id: kinds.penalty
          step: model
          kind: penalty
          points: 1
          pattern: "100 ?% accura"
          message: No model is perfectly accurate.
        """;

    [Fact]
    public void Without_the_term_nothing_is_deducted()
    {
        var (result, finding) = KindHarness.Evaluate(ByTerm, """
            ## Model

            We start with a popularity baseline because every later model needs a number to beat.
            """, "kinds.penalty");
        Assert.Equal(1, result.Fraction);
        Assert.Equal(25, result.Points);
        Assert.Equal(0, result.Score);
        Assert.Null(finding);
    }

    [Fact]
    public void The_term_in_prose_deducts_the_points_and_is_reported()
    {
        var graded = KindHarness.Grade(ByTerm, """
            ## Model

            We start with a popularity baseline because every later model needs a number to beat.
            Scores are written to a blockchain so that nobody can change them later.
            """);
        var result = graded.Result("kinds.penalty");
        Assert.Equal(0, result.Fraction);
        Assert.Equal(-25, result.Score);
        Assert.Equal(4, Assert.Single(result.Evidence).Line);
        var finding = graded.Diagnostics.Single(d => d.CriterionId == "kinds.penalty");
        Assert.Equal("MLSD0302", finding.Id);
        Assert.Contains("25.0 points deducted", finding.Message, StringComparison.Ordinal);

        // The filler earns its 100; the deduction takes 25 of them (before relevance scales the total of a non-ML text).
        Assert.Equal(75, graded.Score.RawTotal ?? graded.Score.Total);
    }

    [Fact]
    public void The_pattern_deducts_like_a_term()
    {
        var (clean, _) = KindHarness.Evaluate(ByPattern, """
            ## Model

            We start with a popularity baseline because every later model needs a number to beat.
            """, "kinds.penalty");
        Assert.Equal(0, clean.Score);

        var (result, finding) = KindHarness.Evaluate(ByPattern, """
            ## Model

            We start with a popularity baseline because it is 100% accurate on old data.
            """, "kinds.penalty");
        Assert.Equal(0, result.Fraction);
        Assert.Equal(-25, result.Score);
        Assert.Equal("penalised: \"100% accura\"", result.Missing);
        Assert.Equal("MLSD0302", finding?.Id);
    }
}
