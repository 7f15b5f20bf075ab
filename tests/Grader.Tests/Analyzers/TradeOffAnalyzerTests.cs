using Grader.Core.Diagnostics;

namespace Grader.Tests.Analyzers;

public class TradeOffAnalyzerTests
{
    [Fact]
    public void Flags_answers_that_weigh_no_alternatives() => AnalyzerHarness.Verify(DiagnosticIds.NoTradeOffs, """
        ## Model <!-- expect: MLSD0204 -->

        We train a ranking model on watch logs and serve it online for every request.
        """);

    [Fact]
    public void Accepts_contrasts_in_prose() => AnalyzerHarness.Verify(DiagnosticIds.NoTradeOffs, """
        ## Model

        We choose GBDT rather than a deep network because our data is tabular and small.

        The downside is weaker use of text, which we accept for faster training.
        """);

    [Fact]
    public void Accepts_a_pros_and_cons_table() => AnalyzerHarness.Verify(DiagnosticIds.NoTradeOffs, """
        ## Model

        We compared the options below before choosing a model for ranking.

        | Option | Pros | Cons |
        |---|---|---|
        | GBDT | fast to train | weaker on text versus deep models |
        | DNN | learns embeddings | slower to train, a drawback at our scale |
        """);
}
