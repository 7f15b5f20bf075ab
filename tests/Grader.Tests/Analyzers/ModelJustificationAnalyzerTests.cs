using Grader.Core.Diagnostics;

namespace Grader.Tests.Analyzers;

public class ModelJustificationAnalyzerTests
{
    [Fact]
    public void Flags_name_dropping_at_the_first_unjustified_mention() => AnalyzerHarness.Verify(DiagnosticIds.ModelWithoutReason, """
        ## Model

        We will use a transformer model here. <!-- expect: MLSD0203 -->

        Then we use XGBoost for the ranking part.
        """);

    [Fact]
    public void Accepts_models_named_with_reasons() => AnalyzerHarness.Verify(DiagnosticIds.ModelWithoutReason, """
        ## Model

        We use GBDT for ranking because it handles sparse tabular counts well and trains in minutes.

        A two-tower network retrieves candidates, since video embeddings can be precomputed.
        """);
}
