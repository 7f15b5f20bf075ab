namespace Grader.Tests.Native;

/// <summary>
/// Every LLM feedback test (OpenAI, Azure OpenAI, Ollama and every failure path) again, against the native binary:
/// the providers' JSON and HTTP code is where trimming and AOT break things without a compile error.
/// </summary>
[Trait("Category", "Slow")]
[Collection("llm-environment")]
public sealed class NativeLlmFeedbackTests : Llm.LlmFeedbackTests
{
    protected override (int Exit, string Out, string Err) Run(params string[] args) =>
        NativeTool.Instance.ExecuteText(Support.TestGrader.RepoRoot, args);
}
