using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using Grader.Cli;
using Grader.Cli.Lsp;
using Grader.Core.Configuration;
using Nerdbank.Streams;
using StreamJsonRpc;

namespace Grader.Tests.Lsp;

/// <summary>
/// An in-process language server and a JSON-RPC client joined by a pipe pair: what an editor sends and sees, without a
/// process. Diagnostics and log messages the server sends are collected in order.
/// </summary>
internal sealed class LspSession : IAsyncDisposable
{
    private readonly IAsyncDisposable _client;
    private readonly Client _target = new();

    private LspSession(IAsyncDisposable client, JsonRpc rpc, Task<int> server)
    {
        _client = client;
        Rpc = rpc;
        Server = server;
    }

    /// <summary>
    /// The client's settings: the wire's (camelCase, nulls left out) with reflection, so tests can send anonymous objects
    /// the server's source-generated context does not know.
    /// </summary>
    public static JsonSerializerOptions ClientJson { get; } = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public JsonRpc Rpc { get; }

    /// <summary>The server's run: its exit code once it stops.</summary>
    public Task<int> Server { get; }

    public ChannelReader<PublishDiagnosticsParams> Diagnostics => _target.Published.Reader;

    public IReadOnlyList<string> Log => [.. _target.Log];

    public int LensRefreshes => _target.LensRefreshes;

    /// <summary>The client/registerCapability requests received, as JSON.</summary>
    public IReadOnlyList<string> Registrations => [.. _target.Registrations];

    public static LspSettings Settings(TimeSpan? debounce = null) =>
        new([], null, new TrustSettings(false, ConfigPolicy.Local)) { Debounce = debounce ?? TimeSpan.FromMilliseconds(300) };

    /// <summary>Starts a server and, unless <paramref name="initialize"/> is false, initializes it as an editor would.</summary>
    public static async Task<LspSession> StartAsync(LspSettings? settings = null, bool initialize = true, object? capabilities = null)
    {
        var (serverStream, clientStream) = FullDuplexStream.CreatePair();
        var server = Task.Run(() => LanguageServer.RunAsync(serverStream, serverStream, settings ?? Settings()));
        return await ConnectAsync(clientStream, clientStream, clientStream, server, initialize, capabilities);
    }

    /// <summary>
    /// Starts <c>COMMAND lsp ARGS...</c> in <paramref name="folder"/> (without the test run's CI variable) and talks to it
    /// over its standard input and output, as an editor does.
    /// </summary>
    public static async Task<LspSession> StartProcessAsync(string command, string folder, string[] args, bool initialize = true, object? capabilities = null)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = folder, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("lsp");
        args.ToList().ForEach(start.ArgumentList.Add);
        start.Environment.Remove("CI");
        var process = new ServerProcess(Process.Start(start)!);
        return await ConnectAsync(process.Output, process.Input, process, process.Exit, initialize, capabilities);
    }

    private static async Task<LspSession> ConnectAsync(Stream sending, Stream receiving, IAsyncDisposable connection, Task<int> server, bool initialize, object? capabilities)
    {
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = ClientJson };
        var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(sending, receiving, formatter));
        var session = new LspSession(connection, rpc, server);
        rpc.AddLocalRpcTarget(session._target, new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true });
        rpc.StartListening();
        if (initialize)
        {
            await session.InitializeAsync(capabilities);
        }

        return session;
    }

    public async Task<JsonElement> InitializeAsync(object? capabilities = null)
    {
        var result = await Rpc.InvokeWithParameterObjectAsync<JsonElement>("initialize", new { processId = (int?)null, rootUri = (string?)null, capabilities = capabilities ?? new { } });
        await Rpc.NotifyWithParameterObjectAsync("initialized", new { });
        return result;
    }

    public Task OpenAsync(string uri, string text, int version = 1) =>
        Rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "markdown", version, text } });

    public Task ChangeAsync(string uri, string text, int version) =>
        Rpc.NotifyWithParameterObjectAsync("textDocument/didChange", new { textDocument = new { uri, version }, contentChanges = new[] { new { text } } });

    public Task<T> RequestAsync<T>(string method, object parameters) => Rpc.InvokeWithParameterObjectAsync<T>(method, parameters);

    /// <summary>The next diagnostics published for <paramref name="uri"/> that satisfy <paramref name="where"/>, skipping others.</summary>
    public async Task<PublishDiagnosticsParams> NextDiagnosticsAsync(string uri, Func<PublishDiagnosticsParams, bool>? where = null, TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var published = await Diagnostics.ReadAsync(cancel.Token);
            if (published.Uri == uri && (where is null || where(published)))
            {
                return published;
            }
        }
    }

    public async Task<int> StopAsync()
    {
        await Rpc.InvokeAsync<object?>("shutdown");
        await Rpc.NotifyAsync("exit");
        return await Server.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        Rpc.Dispose();
        await _client.DisposeAsync();
        await Server.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>A server process: its standard input and output, and its exit code once it stops (killed if it does not).</summary>
    private sealed class ServerProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly Task<string> _stderr;

        public ServerProcess(Process process)
        {
            _process = process;
            _stderr = process.StandardError.ReadToEndAsync();
            Exit = ExitAsync();
        }

        /// <summary>What the client writes: the server's standard input.</summary>
        public Stream Output => _process.StandardInput.BaseStream;

        public Stream Input => _process.StandardOutput.BaseStream;

        public Task<int> Exit { get; }

        public async ValueTask DisposeAsync()
        {
            try
            {
                // The end of input ends the server; the JSON-RPC connection has usually closed the pipe already.
                _process.StandardInput.Close();
            }
            catch (ObjectDisposedException)
            {
            }

            try
            {
                await Exit.WaitAsync(TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
                throw;
            }
            finally
            {
                _process.Dispose();
            }
        }

        private async Task<int> ExitAsync()
        {
            await _process.WaitForExitAsync();
            await _stderr;
            return _process.ExitCode;
        }
    }

    /// <summary>What the server may call on its client.</summary>
    private sealed class Client
    {
        public Channel<PublishDiagnosticsParams> Published { get; } = Channel.CreateUnbounded<PublishDiagnosticsParams>();

        public System.Collections.Concurrent.ConcurrentQueue<string> Log { get; } = new();

        public int LensRefreshes;

        public System.Collections.Concurrent.ConcurrentQueue<string> Registrations { get; } = new();

        [JsonRpcMethod("textDocument/publishDiagnostics")]
        public void PublishDiagnostics(PublishDiagnosticsParams request) => Published.Writer.TryWrite(request);

        [JsonRpcMethod("window/logMessage")]
        public void LogMessage(LogMessageParams request) => Log.Enqueue(request.Message);

        [JsonRpcMethod("workspace/codeLens/refresh")]
        public object? RefreshLenses()
        {
            Interlocked.Increment(ref LensRefreshes);
            return null;
        }

        [JsonRpcMethod("client/registerCapability")]
        public object? Register(JsonElement request)
        {
            Registrations.Enqueue(request.GetRawText());
            return null;
        }
    }
}

/// <summary>Raw LSP framing, for bodies a JSON-RPC client would never send.</summary>
internal static class LspFrames
{
    public static async Task SendAsync(Stream stream, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"Content-Length: {bytes.Length}\r\n\r\n"));
        await stream.WriteAsync(bytes);
        await stream.FlushAsync();
    }

    // One framed message: headers up to a blank line, then Content-Length bytes.
    public static async Task<JsonElement> ReceiveAsync(Stream stream)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var header = new StringBuilder();
        var one = new byte[1];
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            await stream.ReadExactlyAsync(one, cancel.Token);
            header.Append((char)one[0]);
        }

        var length = int.Parse(header.ToString().Split("\r\n").First(h => h.StartsWith("Content-Length:", StringComparison.Ordinal))["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancel.Token);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}

/// <summary>Applies an LSP WorkspaceEdit's text edits to a text, as an editor does.</summary>
internal static class Edits
{
    public static string Apply(string text, IEnumerable<TextEdit> edits)
    {
        var source = new Grader.Core.Parsing.SourceText(text);
        int Offset(Position p) => p.Line >= source.LineCount ? text.Length : source.LineStart(p.Line + 1) + Math.Min(p.Character, source.GetLine(p.Line + 1).Length);

        // Edits are made against the original text: apply from the end so earlier offsets stay valid.
        foreach (var edit in edits.Select((e, i) => (e, i)).OrderByDescending(x => Offset(x.e.Range.Start)).ThenByDescending(x => x.i).Select(x => x.e))
        {
            var (start, end) = (Offset(edit.Range.Start), Offset(edit.Range.End));
            text = string.Concat(text.AsSpan(0, start), edit.NewText, text.AsSpan(end));
        }

        return text;
    }
}
