using Grader.Core.Diagnostics;

namespace Grader.Tests.Analyzers;

public class BaselineAnalyzerTests
{
    [Fact]
    public void Flags_a_model_step_without_a_baseline() => AnalyzerHarness.Verify(DiagnosticIds.NoBaseline, """
        ## Model <!-- expect: MLSD0202 -->

        We train a deep multi-task ranking network on watch logs because it captures many signals at once.
        """);

    [Theory]
    [InlineData("As a baseline we rank videos by popularity in the user's country over the last day.")]
    [InlineData("We start with logistic regression on a handful of counts before any deep model.")]
    public void Accepts_a_simple_model_first(string sentence) => AnalyzerHarness.Verify(DiagnosticIds.NoBaseline, $"""
        ## Model

        {sentence} Then we train a deep ranking network because it captures interactions.
        """);
}
