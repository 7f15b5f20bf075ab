using System.ClientModel;
using System.Net;
using Microsoft.Extensions.AI;

namespace Grader.Cli.Llm;

/// <summary>
/// Turns the OpenAI client's <see cref="ClientResultException"/> into an <see cref="HttpRequestException"/> with its
/// status code, so Core can say "HTTP 500" without knowing any vendor type.
/// </summary>
internal sealed class StatusChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }
        catch (ClientResultException ex) when (ex.Status > 0)
        {
            throw new HttpRequestException($"The provider answered HTTP {ex.Status}", ex, (HttpStatusCode)ex.Status);
        }
        catch (ClientResultException ex)
        {
            // Status 0: no HTTP answer at all (refused, DNS, TLS).
            throw new HttpRequestException("The endpoint could not be reached", ex);
        }
    }
}
