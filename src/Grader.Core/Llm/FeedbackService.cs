using System.Security.Cryptography;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;
using Grader.Core.Rubrics;
using Microsoft.Extensions.AI;

namespace Grader.Core.Llm;

/// <summary>How feedback is requested: which model, how long to wait, which prompts, where to cache.</summary>
/// <remarks><paramref name="Endpoint"/> is part of the cache key: feedback from one server is never replayed for another.</remarks>
public sealed record FeedbackSettings(string Provider, string Model, TimeSpan Timeout, PromptSet Prompts, FeedbackCache? Cache, int Seed = 7, Uri? Endpoint = null);

/// <summary>
/// Asks a chat model for advisory feedback on scoping, data handling and monitoring. The answer goes in as
/// delimited, sanitised, untrusted data with the instructions restated after it; the reply must match
/// <see cref="FeedbackSchema"/> or it is retried once and then reported, never guessed at.
/// </summary>
public sealed partial class FeedbackService(IChatClient client, FeedbackSettings settings)
{
    public const int MaxAttempts = 2;

    public async Task<(LlmFeedback? Feedback, string? Error)> GetAsync(GradeResult result, Rubric rubric, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(rubric);
        var answer = result.Document.Source.Text;
        var key = FeedbackCache.Key(settings.Provider, Endpoints.Display(settings.Endpoint) ?? "(default)", settings.Model, settings.Prompts.Hash, rubric.Id, rubric.Version, answer);
        if (settings.Cache?.TryGet(key) is { } cached)
        {
            return (cached, null);
        }

        var messages = await BuildMessagesAsync(result, rubric, cancellationToken).ConfigureAwait(false);
        var options = new ChatOptions
        {
            ModelId = settings.Model,
            Temperature = 0,
            Seed = settings.Seed,
            MaxOutputTokens = 1500,
            ResponseFormat = ChatResponseFormat.ForJsonSchema(FeedbackSchema.Schema, "grader_feedback", "Feedback on scoping, data and monitoring"),
        };

        string? lastError = null;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.Timeout);
            ChatResponse response;
            try
            {
                response = await client.GetResponseAsync(messages, options, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (null, $"the model did not answer within {settings.Timeout.TotalSeconds:0} s");
            }
#pragma warning disable CA1031 // Any provider failure (HTTP, auth, quota, protocol) becomes one warning; the grade stands.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                return (null, $"the request failed ({Describe(ex)})");
            }

            var (areas, error) = FeedbackSchema.Parse(response.Text, result.Document.Source.LineCount);
            if (error is null)
            {
                var feedback = new LlmFeedback(settings.Provider, response.ModelId ?? settings.Model, areas,
                    response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount, FromCache: false);
                settings.Cache?.Put(key, feedback);
                return (feedback, null);
            }

            lastError = error;
        }

        return (null, $"the reply did not match the feedback schema after {MaxAttempts} attempts ({lastError})");
    }

    private async Task<List<ChatMessage>> BuildMessagesAsync(GradeResult result, Rubric rubric, CancellationToken cancellationToken)
    {
        // Fresh random delimiters per call: an answer cannot close a block whose marker it cannot know.
        var tag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var integrity = result.Diagnostics.Where(d => d.Descriptor.Category == Categories.Integrity).ToList();
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["problem_id"] = rubric.Id,
            ["problem_title"] = rubric.Title,
            ["problem_prompt"] = rubric.Prompt ?? "(generic ML system design question)",
            ["rubric_summary"] = string.Join('\n', rubric.Criteria
                .Where(c => c.Step is FrameworkStep.Requirements or FrameworkStep.Framing or FrameworkStep.Data or FrameworkStep.Monitoring)
                .Select(c => $"- {c.Step.ToId()}: {c.Message}")),
            ["integrity_findings"] = integrity.Count == 0
                ? "(none)"
                : string.Join('\n', integrity.Select(d => $"- {d.Id} at line {(d.Span.IsNone ? "-" : d.Span.Line.ToString(System.Globalization.CultureInfo.InvariantCulture))}: {d.Descriptor.Title}")),
            ["open"] = $"<<<ANSWER {tag}>>>",
            ["close"] = $"<<<END ANSWER {tag}>>>",
            ["answer"] = AnswerSanitizer.ForModel(result.Document.Source.Text),
        };
        var system = await PromptSet.RenderAsync(settings.Prompts.System, values, cancellationToken).ConfigureAwait(false);
        var user = await PromptSet.RenderAsync(settings.Prompts.User, values, cancellationToken).ConfigureAwait(false);
        return [new ChatMessage(ChatRole.System, system), new ChatMessage(ChatRole.User, user)];
    }

    // Never the exception's whole message: providers echo request details there.
    private static string Describe(Exception ex)
    {
        if (ex is HttpRequestException { StatusCode: null })
        {
            return "the endpoint could not be reached";
        }

        var status = ex switch
        {
            HttpRequestException { StatusCode: { } code } => $"HTTP {(int)code}",

            // Provider clients put the status in their message ("Status: 500 (Internal Server Error)").
            _ => StatusInMessage().Match(ex.Message) is { Success: true } m ? $"HTTP {m.Groups[1].Value}" : null,
        };
        return status is null ? ex.GetType().Name : $"{ex.GetType().Name}, {status}";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"Status: (\d{3})")]
    private static partial System.Text.RegularExpressions.Regex StatusInMessage();
}
