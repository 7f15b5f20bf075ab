namespace Grader.Tests.Rubrics.Kinds;

public class DiagramKindTests
{
    private const string Criterion = """
        - id: kinds.diagram
          step: model
          kind: diagram
          points: 1
          message: Draw the architecture.
        """;

    private const string Table = """
        ## Model

        The ranker scores candidates from two inputs, the user history and the candidate item text.

        | input | source |
        |---|---|
        | user history | event log |
        """;

    [Fact]
    public void A_mermaid_block_in_the_step_earns_every_point()
    {
        var (result, finding) = KindHarness.Evaluate(Criterion, """
            ## Model

            The ranker scores candidates from two inputs.

            ```mermaid
            graph LR
              history --> ranker
              candidates --> ranker
            ```
            """, "kinds.diagram");
        Assert.Equal(1, result.Fraction);
        Assert.Equal(100, result.Score);
        Assert.Equal(5, Assert.Single(result.Evidence).Line);
        Assert.Null(finding);
    }

    [Fact]
    public void A_table_is_not_a_diagram_unless_the_criterion_allows_one()
    {
        var (without, finding) = KindHarness.Evaluate(Criterion, Table, "kinds.diagram");
        Assert.Equal(0, without.Fraction);
        Assert.Equal("no Mermaid block, ASCII-art diagram or image", without.Missing);
        Assert.Equal("MLSD0301", finding?.Id);

        var (with, _) = KindHarness.Evaluate(Criterion + "\n  table: true", Table, "kinds.diagram");
        Assert.Equal(1, with.Fraction);
        Assert.Equal(100, with.Score);
    }

    [Fact]
    public void A_diagram_under_another_step_does_not_count()
    {
        var (result, _) = KindHarness.Evaluate(Criterion, """
            ## Model

            The ranker scores candidates from two inputs.

            ## Serving

            ![serving architecture](serving.png)
            """, "kinds.diagram");
        Assert.Equal(0, result.Fraction);
        Assert.Equal(0, result.Score);
    }
}
