using Grader.Core.Diagnostics;

namespace Grader.Tests.Analyzers;

public class KeywordStuffingAnalyzerTests
{
    [Fact]
    public void Flags_a_section_that_is_a_bare_list_of_rubric_terms() => AnalyzerHarness.Verify(DiagnosticIds.KeywordStuffing, """
        ## Important concepts

        - two-tower <!-- expect: MLSD0901 -->
        - cold start
        - nDCG
        - watch time
        - approximate nearest neighbor
        - re-ranking
        """);

    [Fact]
    public void Does_not_flag_a_feature_list_under_an_explanation() => AnalyzerHarness.Verify(DiagnosticIds.KeywordStuffing, """
        ## Features

        We describe each user by what they watched recently, what they searched for, and the context of the request, because
        together these predict what they will open next far better than demographics alone, which we also keep.

        - watch history
        - search history
        - device
        - time of day
        - language
        """);

    [Fact]
    public void Does_not_flag_a_table_of_contents_or_a_reading_list() => AnalyzerHarness.Verify(DiagnosticIds.KeywordStuffing, """
        # Table of contents

        - two-tower
        - cold start
        - nDCG
        - watch time
        - approximate nearest neighbor
        - re-ranking

        ## References

        - [Two-tower retrieval](https://example.com/two-tower)
        - [Cold start in recommenders](https://example.com/cold-start)
        - [nDCG explained](https://example.com/ndcg)
        - [Watch time as a label](https://example.com/watch-time)
        - [Approximate nearest neighbor search](https://example.com/ann)
        - [Re-ranking rules](https://example.com/re-ranking)
        """);
}
