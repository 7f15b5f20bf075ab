namespace Grader.Tests.Rubrics.Kinds;

/// <summary>A mistake offers nothing to earn, so the step holds one other criterion (4 points): the mistake (1 point) is worth 25.</summary>
public class MistakeKindTests
{
    private const string Criterion = """
        - id: kinds.filler
          step: model
          kind: concepts
          points: 4
          concepts: [[baseline]]
          message: Name a baseline.
        - id: kinds.accuracy
          step: model
          kind: mistake
          points: 1
          mistake: [accuracy]
          unless: [precision]
          unlessAnywhere: [class imbalance]
          message: Accuracy hides the rare positive class.
          help: Report precision and recall at a fixed alert budget.
        """;

    [Fact]
    public void A_sentence_stating_the_mistake_deducts_its_points_and_is_reported()
    {
        var graded = KindHarness.Grade(Criterion, """
            ## Model

            We start with a popularity baseline because every later model needs a number to beat.
            We pick the model with the best accuracy on last week's transactions.
            """);
        var result = graded.Result("kinds.accuracy");
        Assert.Equal(0, result.Fraction);
        Assert.Equal(-25, result.Score);
        Assert.Equal(4, Assert.Single(result.Evidence).Line);
        var finding = graded.Diagnostics.Single(d => d.CriterionId == "kinds.accuracy");
        Assert.Equal("MLSD0401", finding.Id);
        Assert.Contains("Instead: Report precision and recall", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Accuracy is misleading here, so we do not report it.")]
    [InlineData("We weigh accuracy against precision for the alert budget.")]
    [InlineData("We pick the model with the best accuracy. Elsewhere we correct for class imbalance by reweighting.")]
    public void A_negated_corrected_or_answered_mistake_costs_nothing(string sentence)
    {
        var (result, finding) = KindHarness.Evaluate(Criterion, $"""
            ## Model

            We start with a popularity baseline because every later model needs a number to beat.
            {sentence}
            """, "kinds.accuracy");
        Assert.Equal(1, result.Fraction);
        Assert.Equal(0, result.Score);
        Assert.Null(finding);
    }
}
