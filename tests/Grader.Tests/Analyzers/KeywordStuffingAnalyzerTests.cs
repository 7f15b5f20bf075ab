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
}
