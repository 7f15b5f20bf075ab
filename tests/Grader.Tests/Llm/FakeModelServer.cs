using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Grader.Tests.Llm;

/// <summary>A request the fake server received: path, headers that matter, and the JSON body.</summary>
internal sealed record ReceivedRequest(string Path, string? ApiKeyHeader, string? Authorization, JsonElement Body)
{
    /// <summary>The text of every message, concatenated (OpenAI and Ollama both send a messages array).</summary>
    public string AllMessageText => string.Join("\n", Body.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("content").GetString()));
}

/// <summary>What to answer to the n-th request (1-based).</summary>
internal delegate (int Status, string Body, TimeSpan Delay, string? RetryAfter) Reply(int requestNumber, ReceivedRequest request);

/// <summary>
/// An HTTP server on 127.0.0.1 that speaks just enough of OpenAI's chat-completions and Ollama's /api/chat for
/// Grader's real client libraries to talk to it. It counts and keeps every request.
/// </summary>
internal sealed class FakeModelServer : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Reply _reply;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _count;

    public FakeModelServer(Reply reply)
    {
        _reply = reply;
        (_listener, Port) = Listen();
        _loop = Task.Run(Loop);
    }

    public int Port { get; }

    public Uri OpenAiEndpoint => new($"http://127.0.0.1:{Port}/v1");

    public Uri Root => new($"http://127.0.0.1:{Port}/");

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public static string OpenAiBody(string content, int promptTokens = 123, int completionTokens = 45) => JsonSerializer.Serialize(new
    {
        id = "chatcmpl-test",
        @object = "chat.completion",
        created = 1_700_000_000,
        model = "test-model",
        choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = "stop" } },
        usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
    });

    public static string OllamaBody(string content) => JsonSerializer.Serialize(new
    {
        model = "test-model",
        created_at = "2026-01-01T00:00:00Z",
        message = new { role = "assistant", content },
        done = true,
        done_reason = "stop",
        prompt_eval_count = 77,
        eval_count = 33,
    });

    /// <summary>The smallest reply the feedback schema allows: every required property, empty lists, the lowest rating.</summary>
    public const string MinimalFeedback = """{"scoping": {"rating": 1, "strengths": [], "gaps": [], "lines": []}, "data": {"rating": 1, "strengths": [], "gaps": [], "lines": []}, "monitoring": {"rating": 1, "strengths": [], "gaps": [], "lines": []}}""";

    /// <summary>A reply that meets the feedback schema, citing line 3.</summary>
    public static string GoodFeedback => JsonSerializer.Serialize(new
    {
        scoping = new { rating = 4, strengths = new[] { "States daily users and a latency budget." }, gaps = new[] { "No privacy constraints." }, lines = new[] { 3 } },
        data = new { rating = 3, strengths = new[] { "Names implicit feedback as labels." }, gaps = new[] { "Label delay is not handled." }, lines = new[] { 3 } },
        monitoring = new { rating = 2, strengths = Array.Empty<string>(), gaps = new[] { "No drift detection or retraining plan." }, lines = Array.Empty<int>() },
    });

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();

        // Managed HttpListener re-resolves its endpoint on Close: when another test has meanwhile bound the freed port
        // it throws "Address already in use" although this listener is already stopped. Nothing is left to release.
        try
        {
            _listener.Close();
        }
        catch (HttpListenerException)
        {
        }
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private async Task Loop()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => Handle(context));
        }
    }

    private async Task Handle(HttpListenerContext context)
    {
        try
        {
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = JsonDocument.Parse(await reader.ReadToEndAsync().ConfigureAwait(false)).RootElement.Clone();
            var request = new ReceivedRequest(context.Request.Url!.AbsolutePath, context.Request.Headers["api-key"], context.Request.Headers["Authorization"], body);
            Requests.Enqueue(request);
            var (status, reply, delay, retryAfter) = _reply(Interlocked.Increment(ref _count), request);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _stop.Token).ConfigureAwait(false);
            }

            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            if (retryAfter is not null)
            {
                context.Response.Headers["Retry-After"] = retryAfter;
            }

            // Ollama clients may ask for a stream: one final NDJSON line carries the whole answer.
            var bytes = Encoding.UTF8.GetBytes(body.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True ? reply + "\n" : reply);
            await context.Response.OutputStream.WriteAsync(bytes, _stop.Token).ConfigureAwait(false);
            context.Response.Close();
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or ObjectDisposedException or IOException)
        {
            // The test is over or the client gave up (a timeout test); nothing to answer.
        }
    }

    // HttpListener cannot bind port 0, so a free port is found first; another socket of the test run may take it in
    // between (CI failed on it: "Address already in use"), so a few ports are tried.
    private static (HttpListener Listener, int Port) Listen()
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return (listener, port);
            }
            catch (HttpListenerException) when (attempt < 20)
            {
                listener.Close();
            }
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
