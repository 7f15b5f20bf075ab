using System.Net;

namespace Grader.Cli.Llm;

/// <summary>
/// Retries 429 and 5xx answers with exponential backoff, honouring <c>Retry-After</c> (capped), for every provider
/// alike. The provider clients' own retry loops are switched off so there is exactly one policy.
/// </summary>
internal sealed class RetryHandler(int maxRetries, TimeSpan baseDelay) : DelegatingHandler(new SocketsHttpHandler())
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The body must be sendable more than once.
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        }

        for (var attempt = 0; ; attempt++)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!IsTransient(response.StatusCode) || attempt >= maxRetries)
            {
                return response;
            }

            var delay = RetryAfter(response) ?? TimeSpan.FromTicks(baseDelay.Ticks * (1L << attempt));
            response.Dispose();
            await Task.Delay(delay < MaxDelay ? delay : MaxDelay, cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool IsTransient(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
