using System.Collections.Immutable;
using Grader.Core;
using Grader.Core.Diagnostics;
using Grader.Core.Llm;
using Microsoft.Extensions.AI;

namespace Grader.Cli.Llm;

/// <summary>Asks for feedback on every graded answer, a few at a time, and attaches it or a warning to each result.</summary>
internal static class FeedbackRunner
{
    public static async Task<ImmutableArray<GradeResult>> RunAsync(ImmutableArray<GradeResult> results, IChatClient client, LlmSettings settings, Func<GradeResult, Core.Rubrics.Rubric> rubricOf)
    {
        var prompts = settings.PromptsFolder is null ? PromptSet.BuiltIn() : PromptSet.FromFolder(settings.PromptsFolder);
        var service = new FeedbackService(client, new FeedbackSettings(
            settings.Provider, settings.Model, settings.Timeout, prompts, settings.UseCache ? new FeedbackCache(settings.CacheFolder) : null, Endpoint: settings.Endpoint));
        using var gate = new SemaphoreSlim(Math.Max(1, settings.Jobs));
        var tasks = results.Select(async result =>
        {
            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                var (feedback, error) = await service.GetAsync(result, rubricOf(result), CancellationToken.None).ConfigureAwait(false);
                if (feedback is not null)
                {
                    return result with { Feedback = feedback };
                }

                var d = EngineDescriptors.LlmFeedbackUnavailable;
                return result with { Diagnostics = [.. result.Diagnostics, new Diagnostic(d, d.DefaultSeverity, Core.Parsing.SourceSpan.None, d.Format(error))] };
            }
            finally
            {
                gate.Release();
            }
        });
        return [.. await Task.WhenAll(tasks).ConfigureAwait(false)];
    }
}
