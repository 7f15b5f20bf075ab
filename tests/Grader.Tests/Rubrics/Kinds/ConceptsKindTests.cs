namespace Grader.Tests.Rubrics.Kinds;

public class ConceptsKindTests
{
    private const string Criterion = """
        - id: kinds.models
          step: model
          kind: concepts
          points: 4
          atLeast: 2
          concepts:
            - [baseline]
            - [two-tower, two tower]
            - [gradient boosted trees, gbdt]
          message: Name a baseline and the main model.
        """;

    [Fact]
    public void Two_of_the_concepts_in_prose_earn_every_point()
    {
        var (result, finding) = KindHarness.Evaluate(Criterion, """
            ## Model

            We start with a popularity baseline because every later model needs a number to beat.
            Then we train a two-tower model since it lets us precompute item embeddings for retrieval.
            """, "kinds.models");
        Assert.Equal(1, result.Fraction);
        Assert.Equal(100, result.Points);
        Assert.Equal(100, result.Score);
        Assert.Null(finding);
    }

    [Fact]
    public void One_concept_of_two_earns_half()
    {
        var (result, finding) = KindHarness.Evaluate(Criterion, """
            ## Model

            We start with a popularity baseline because every later model needs a number to beat.
            Then we train a larger network on the same interactions when the baseline stops improving.
            """, "kinds.models");
        Assert.Equal(0.5, result.Fraction);
        Assert.Equal(50, result.Score);
        Assert.Equal("MLSD0301", finding?.Id);
        Assert.Contains("50.0 of 100.0 points lost", finding!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Concepts_named_only_in_a_bare_list_earn_nothing()
    {
        var (result, finding) = KindHarness.Evaluate(Criterion, """
            ## Model

            - baseline
            - two-tower
            - gbdt

            We train whatever fits the data best on the interactions that we logged during the last month.
            """, "kinds.models");
        Assert.Equal(0, result.Fraction);
        Assert.Equal(0, result.Score);
        Assert.Equal("MLSD0301", finding?.Id);
    }

    [Fact]
    public void All_or_nothing_turns_a_partial_match_into_none()
    {
        var (result, _) = KindHarness.Evaluate(Criterion + "\n  partial: all-or-nothing", """
            ## Model

            We start with a popularity baseline because every later model needs a number to beat.
            Then we train a larger network on the same interactions when the baseline stops improving.
            """, "kinds.models");
        Assert.Equal(0, result.Fraction);
        Assert.Equal(0, result.Score);
    }
}
