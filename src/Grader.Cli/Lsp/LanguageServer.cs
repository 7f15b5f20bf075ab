using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;
using Grader.Core.Configuration;
using Grader.Core.Diagnostics;
using Grader.Core.Parsing;
using Grader.Core.Reporting;
using PolyType;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Grader.Cli.Lsp;

/// <summary>What the server grades with, from <c>grader lsp</c>'s options.</summary>
internal sealed record LspSettings(IReadOnlyList<string> Rubrics, Uri? HelpBase, TrustSettings Trust)
{
    /// <summary>How long after the last change a document is graded.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>For tests: runs after a version is graded, before its result is published (or dropped as stale).</summary>
    public Func<int, CancellationToken, Task>? BeforePublish { get; init; }
}

/// <summary>
/// Grader's language server: JSON-RPC over a pair of streams (StreamJsonRpc, LSP's header framing), full text sync
/// for Markdown answers, findings as diagnostics, scores as code lenses, rule documentation on hover, safe fixes as
/// code actions. Messages are handled in arrival order on StreamJsonRpc's reader; grading runs on the thread pool,
/// debounced, and a result is published only while its version is still the document's latest.
/// </summary>
internal sealed partial class LanguageServer
{
    private static readonly string[] QuickFix = ["quickfix"];

    private const string WarmUp = "# Warm-up\n\n## Requirements\n\nServe 10 million daily users within 100 ms at p99.\n\n## Model\n\nA two-tower model, because it scales; logistic regression is the baseline.\n";

    private readonly LspSettings _settings;
    private readonly LspWorkspace _workspace;
    private readonly ConcurrentDictionary<string, OpenDocument> _documents = new(StringComparer.Ordinal);
    private readonly Channel<(OpenDocument Document, Graded Graded)> _results = Channel.CreateUnbounded<(OpenDocument, Graded)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<DiagnosticDescriptor, string?> _help;
    private readonly JsonRpc _rpc;
    private volatile int _state; // 0 before initialize, 1 running, 2 shut down
    private bool _lensRefresh;
    private bool _watchRegistration;
    private string? _root;

    private LanguageServer(LspSettings settings, JsonRpc rpc)
    {
        _settings = settings;
        _rpc = rpc;
        _help = HelpLinks.For(settings.HelpBase);
        _workspace = new LspWorkspace(settings.Rubrics, settings.Trust, notice => Log(2, notice.ToString()));
    }

    /// <summary>Serves until <c>exit</c> or the end of input; the exit code is 0 only after a <c>shutdown</c> request, as LSP asks.</summary>
    public static async Task<int> RunAsync(Stream input, Stream output, LspSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        using var rpc = new JsonRpc(new MessageHandler(output, input, Formatter()))
        {
            // One message at a time, in arrival order: a didChange never overtakes the didOpen before it.
            SynchronizationContext = new Microsoft.VisualStudio.Threading.NonConcurrentSynchronizationContext(sticky: false),
        };
        var server = new LanguageServer(settings, rpc);
        rpc.AddLocalRpcTarget(RpcTargetMetadata.FromShape<Target>(), new Target(server), new JsonRpcTargetOptions { AllowNonPublicInvocation = false });
        rpc.StartListening();
        using var stop = cancellationToken.Register(() => server._exited.TrySetResult());
        var publisher = server.PublishAsync();
        await Task.WhenAny(rpc.Completion, server._exited.Task).ConfigureAwait(false);
        server.CancelAll();
        server._results.Writer.TryComplete();
        await publisher.ConfigureAwait(false);
        return server._state == 2 ? 0 : 1;
    }

    // StreamJsonRpc marks the whole SystemTextJsonFormatter class as needing reflection, because by default it serializes
    // user data with System.Text.Json's reflection. With options whose only resolver is a source-generated context it
    // does not: that is StreamJsonRpc's documented Native AOT set-up (docs/nativeAOT.md, and its SystemTextJson sample
    // suppresses these two warnings the same way). No events, progress, streams or marshaled objects cross this
    // connection, the features the formatter would need reflection for. NativeLanguageServerTests run the server in the
    // native binary.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "User data goes through LspJsonContext only (see above).")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "User data goes through LspJsonContext only (see above).")]
    private static SystemTextJsonFormatter Formatter() => new() { JsonSerializerOptions = LspJson.Options };

    private InitializeResult Initialize(InitializeParams request)
    {
        if (_state != 0)
        {
            throw Error(LspErrors.InvalidRequest, "initialize was already received");
        }

        _root = request.RootUri is { } rootUri && Uri.TryCreate(rootUri, UriKind.Absolute, out var parsed) && parsed.IsFile ? parsed.LocalPath : request.RootPath;
        if (request.Capabilities is { ValueKind: JsonValueKind.Object } capabilities)
        {
            _lensRefresh = Flag(capabilities, "workspace", "codeLens", "refreshSupport");
            _watchRegistration = Flag(capabilities, "workspace", "didChangeWatchedFiles", "dynamicRegistration");
        }

        _state = 1;

        // Rubrics are read and the grading code compiled while the editor finishes starting, not when the first answer opens.
        var root = _root ?? Directory.GetCurrentDirectory();
        _ = Task.Run(() => _workspace.Grade(Path.Combine(root, "grader-warm-up.md"), WarmUp, 0, CancellationToken.None));
        return new InitializeResult(
            new ServerCapabilities(new TextDocumentSyncOptions(OpenClose: true, Change: 1, new SaveOptions(IncludeText: false)), HoverProvider: true, new CodeActionOptions(QuickFix), new CodeLensOptions(ResolveProvider: false)),
            new ServerInfo(ToolInfo.Name, ToolInfo.Version));
    }

    private void Initialized()
    {
        if (_watchRegistration)
        {
            // A config or rubric edited on disk regrades every open answer (workspace/didChangeWatchedFiles).
            var watchers = new DidChangeWatchedFilesRegistrationOptions([new("**/" + ConfigResolver.FileName), new("**/*.{yaml,yml}")]);
            _ = Quietly(Request("client/registerCapability", new RegistrationParams([new Registration("grader-watch", "workspace/didChangeWatchedFiles", watchers)]), LspJsonContext.Default.RegistrationParams));
        }
    }

    private void Shutdown()
    {
        _state = 2;
        CancelAll();
    }

    private void DidOpen(DidOpenTextDocumentParams request)
    {
        if (request.TextDocument is not { Uri: { } uri, Text: { } text } item || !IsMarkdown(item))
        {
            return;
        }

        var document = new OpenDocument(uri, PathOf(uri), item.Version, text);
        if (_documents.TryGetValue(uri, out var previous))
        {
            previous.Close();
        }

        _documents[uri] = document;
        Schedule(document, TimeSpan.Zero);
    }

    private void DidChange(DidChangeTextDocumentParams request)
    {
        if (request.TextDocument?.Uri is not { } uri || !_documents.TryGetValue(uri, out var document) || request.ContentChanges is not { Count: > 0 } changes)
        {
            return;
        }

        lock (document)
        {
            // Versions only grow; an older one arriving late changes nothing.
            if (request.TextDocument.Version <= document.Version)
            {
                return;
            }

            var text = document.Text;
            foreach (var change in changes)
            {
                text = change.Range is null ? change.Text ?? "" : Splice(text, change.Range, change.Text ?? "");
            }

            (document.Text, document.Version) = (text, request.TextDocument.Version);
        }

        Schedule(document, _settings.Debounce);
    }

    private void DidSave(DidSaveTextDocumentParams request)
    {
        // Saving is a pause: grade now what the debounce would grade shortly.
        if (request.TextDocument?.Uri is { } uri && _documents.TryGetValue(uri, out var document) && document.Pending is not null)
        {
            Schedule(document, TimeSpan.Zero);
        }
    }

    private void DidClose(DidCloseTextDocumentParams request)
    {
        if (request.TextDocument?.Uri is { } uri && _documents.TryRemove(uri, out var document))
        {
            document.Close();
            _ = Quietly(Notify("textDocument/publishDiagnostics", new PublishDiagnosticsParams(uri, null, []), LspJsonContext.Default.PublishDiagnosticsParams));
        }
    }

    private void DidChangeWatchedFiles()
    {
        _workspace.Reload();
        foreach (var document in _documents.Values)
        {
            Schedule(document, TimeSpan.Zero);
        }
    }

    private Hover? Hover(TextDocumentPositionParams request)
    {
        var position = request.Position ?? throw Error(LspErrors.InvalidParams, "textDocument/hover needs a position");
        if (Latest(request.TextDocument) is not { } latest)
        {
            return null;
        }

        var hits = latest.Findings.Where(f => LspFindings.Contains(f.Lsp.Range, position)).ToList();
        return hits.Count == 0 ? null : new Hover(new MarkupContent("markdown", LspFindings.Hover(hits, latest.Graded.Engine?.Catalog)), null);
    }

    private IReadOnlyList<CodeAction> CodeActions(CodeActionParams request)
    {
        var range = request.Range ?? throw Error(LspErrors.InvalidParams, "textDocument/codeAction needs a range");
        if (request.Context?.Only is { } only && !only.Any(kind => kind == "quickfix" || "quickfix".StartsWith(kind + ".", StringComparison.Ordinal)))
        {
            return [];
        }

        // Edits are made against the graded text: offered only while that is still the document's text.
        return Latest(request.TextDocument) is { } latest && latest.Current
            ? LspFindings.Actions(request.TextDocument!.Uri, latest.Graded, latest.Findings, range)
            : [];
    }

    private IReadOnlyList<CodeLens> CodeLenses(CodeLensParams request) =>
        Latest(request.TextDocument)?.Graded.Result is { } result ? LspFindings.Lenses(result) : [];

    private (Graded Graded, IReadOnlyList<Finding> Findings, bool Current)? Latest(TextDocumentIdentifier? identifier)
    {
        if (identifier?.Uri is not { } uri)
        {
            throw Error(LspErrors.InvalidParams, "the request names no textDocument");
        }

        if (!_documents.TryGetValue(uri, out var document))
        {
            return null;
        }

        lock (document)
        {
            return document.Latest is { } graded ? (graded, document.Findings, graded.Version == document.Version) : null;
        }
    }

    private void Schedule(OpenDocument document, TimeSpan delay)
    {
        CancellationTokenSource cancel;
        int version;
        string text;
        lock (document)
        {
            if (document.Closed)
            {
                return;
            }

            document.Pending?.Cancel();
            cancel = document.Pending = new CancellationTokenSource();
            (version, text) = (document.Version, document.Text);
        }

        _ = Task.Run(() => GradeAsync(document, version, text, delay, cancel));
    }

    private async Task GradeAsync(OpenDocument document, int version, string text, TimeSpan delay, CancellationTokenSource cancel)
    {
        try
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, cancel.Token).ConfigureAwait(false);
            }

            var graded = _workspace.Grade(document.Path, text, version, cancel.Token);
            if (_settings.BeforePublish is { } hook)
            {
                await hook(version, cancel.Token).ConfigureAwait(false);
            }

            _results.Writer.TryWrite((document, graded));
        }
        catch (OperationCanceledException)
        {
            // A newer version (or the document's close, or shutdown) superseded this one.
        }
#pragma warning disable CA1031 // The grading task has no caller to throw to: the client's log hears of it instead.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log(1, $"grader: internal error while grading {document.Uri}: {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            lock (document)
            {
                if (ReferenceEquals(document.Pending, cancel))
                {
                    document.Pending = null;
                }
            }

            cancel.Dispose();
        }
    }

    // One publisher, in the order grades finish: a result is sent only if its version is still the latest when its turn
    // comes, so an editor never sees an older version's findings after a newer one's.
    private async Task PublishAsync()
    {
        await foreach (var (document, graded) in _results.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            IReadOnlyList<Finding> findings;
            lock (document)
            {
                if (document.Closed || graded.Version != document.Version)
                {
                    continue;
                }

                findings = graded.Result is { } result ? LspFindings.Findings(result, _help) : [LspFindings.Error(graded.Error ?? "grader could not grade this answer")];
                (document.Latest, document.Findings) = (graded, findings);
            }

            await Quietly(Notify("textDocument/publishDiagnostics",
                new PublishDiagnosticsParams(document.Uri, graded.Version, [.. findings.Select(f => f.Lsp)]), LspJsonContext.Default.PublishDiagnosticsParams)).ConfigureAwait(false);
            if (_lensRefresh)
            {
                _ = Quietly(_rpc.InvokeWithParameterObjectAsync("workspace/codeLens/refresh", argument: null, argumentDeclaredTypes: null, CancellationToken.None));
            }
        }
    }

    private void CancelAll()
    {
        foreach (var document in _documents.Values)
        {
            lock (document)
            {
                document.Pending?.Cancel();
            }
        }
    }

    private void Log(int type, string message) =>
        _ = Quietly(Notify("window/logMessage", new LogMessageParams(type, UntrustedText.Visible(message)), LspJsonContext.Default.LogMessageParams));

    // StreamJsonRpc writes named arguments one by one under their keys, each with its declared type; so the params object
    // goes as its JSON members, as LspJsonContext writes them (camelCase, nulls left out).
    private Task Notify<T>(string method, T parameters, JsonTypeInfo<T> type)
    {
        var (members, types) = Members(parameters, type);
        return _rpc.NotifyWithParameterObjectAsync(method, members, types);
    }

    private Task Request<T>(string method, T parameters, JsonTypeInfo<T> type)
    {
        var (members, types) = Members(parameters, type);
        return _rpc.InvokeWithParameterObjectAsync(method, members, types, CancellationToken.None);
    }

    private static (Dictionary<string, object?> Members, Dictionary<string, Type> Types) Members<T>(T parameters, JsonTypeInfo<T> type)
    {
        var members = JsonSerializer.SerializeToElement(parameters, type).EnumerateObject().ToDictionary(m => m.Name, m => (object?)m.Value, StringComparer.Ordinal);
        return (members, members.Keys.ToDictionary(k => k, _ => typeof(JsonElement), StringComparer.Ordinal));
    }

    // A message to a client that has gone away is not an error worth more than its loss.
    private static async Task Quietly(Task send)
    {
        try
        {
            await send.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ConnectionLostException or ObjectDisposedException or RemoteRpcException or OperationCanceledException)
        {
        }
    }

    private string PathOf(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile
            ? parsed.LocalPath
            : Path.Combine(_root ?? Directory.GetCurrentDirectory(), "untitled.md");

    private static bool IsMarkdown(TextDocumentItem item) =>
        string.Equals(item.LanguageId, "markdown", StringComparison.OrdinalIgnoreCase)
        || item.Uri.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || item.Uri.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase);

    // An incremental change, for clients that send ranges although the server asked for full text.
    private static string Splice(string text, LspRange range, string replacement)
    {
        var source = new SourceText(text);
        int Offset(Position p) => p.Line >= source.LineCount
            ? text.Length
            : source.LineStart(p.Line + 1) + Math.Clamp(p.Character, 0, source.GetLine(p.Line + 1).Length);
        var (start, end) = (Offset(range.Start), Offset(range.End));
        return end < start ? text : string.Concat(text.AsSpan(0, start), replacement, text.AsSpan(end));
    }

    private static bool Flag(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element))
            {
                return false;
            }
        }

        return element.ValueKind == JsonValueKind.True;
    }

    private static LocalRpcException Error(int code, string message) => new(message) { ErrorCode = code };

    private sealed class OpenDocument(string uri, string path, int version, string text)
    {
        public string Uri { get; } = uri;

        public string Path { get; } = path;

        public int Version { get; set; } = version;

        public string Text { get; set; } = text;

        public CancellationTokenSource? Pending { get; set; }

        public Graded? Latest { get; set; }

        public IReadOnlyList<Finding> Findings { get; set; } = [];

        public bool Closed { get; private set; }

        public void Close()
        {
            lock (this)
            {
                Closed = true;
                Pending?.Cancel();
            }
        }
    }

    /// <summary>
    /// LSP's Content-Length framing. A message whose body is not JSON-RPC gets a ParseError reply and the session goes on
    /// with the next message (the framing was intact); StreamJsonRpc alone would end the session.
    /// </summary>
    private sealed class MessageHandler(Stream output, Stream input, IJsonRpcMessageFormatter formatter) : HeaderDelimitedMessageHandler(output, input, formatter)
    {
        protected override async ValueTask<JsonRpcMessage?> ReadCoreAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                try
                {
                    return await base.ReadCoreAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (JsonException ex)
                {
                    // The reader's own failures (a subclass) mean the body is not JSON; a plain JsonException means it is
                    // JSON but not a JSON-RPC message.
                    var (code, message) = ex.GetType() == typeof(JsonException)
                        ? (JsonRpcErrorCode.InvalidRequest, "the message is JSON but not a JSON-RPC request, response or notification")
                        : (JsonRpcErrorCode.ParseError, "the message is not valid JSON");
                    await WriteAsync(new JsonRpcError { RequestId = RequestId.Null, Error = new JsonRpcError.ErrorDetail { Code = code, Message = message } }, cancellationToken)
                        .ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// The methods the client may call, and nothing else: each checks the server's state and its parameters, and a
    /// failure becomes a JSON-RPC error with a one-line message (no stack trace leaves the server). The method table is
    /// PolyType's compile-time shape of this class (<see cref="RpcTargetMetadata.FromShape{T}"/>), not reflection over it at
    /// start-up, so dispatch works in the native build; the generator needs the class internal rather than private.
    /// </summary>
    [GenerateShape(IncludeMethods = MethodShapeFlags.PublicInstance)]
    internal sealed partial class Target(LanguageServer server)
    {
        [JsonRpcMethod("initialize", UseSingleObjectParameterDeserialization = true)]
        public InitializeResult Initialize(JsonElement? request = null) => Guard(() => server.Initialize(Parse<InitializeParams>(request)), initializing: true);

        [JsonRpcMethod("initialized", UseSingleObjectParameterDeserialization = true)]
        public void Initialized(JsonElement? request = null) => Notice(server.Initialized);

        [JsonRpcMethod("shutdown", UseSingleObjectParameterDeserialization = true)]
        public object? Shutdown(JsonElement? request = null) => Guard<object?>(() =>
        {
            server.Shutdown();
            return null;
        });

        [JsonRpcMethod("exit", UseSingleObjectParameterDeserialization = true)]
        public void Exit(JsonElement? request = null) => server._exited.TrySetResult();

        [JsonRpcMethod("textDocument/didOpen", UseSingleObjectParameterDeserialization = true)]
        public void DidOpen(JsonElement? request = null) => Notice(() => server.DidOpen(Parse<DidOpenTextDocumentParams>(request)));

        [JsonRpcMethod("textDocument/didChange", UseSingleObjectParameterDeserialization = true)]
        public void DidChange(JsonElement? request = null) => Notice(() => server.DidChange(Parse<DidChangeTextDocumentParams>(request)));

        [JsonRpcMethod("textDocument/didSave", UseSingleObjectParameterDeserialization = true)]
        public void DidSave(JsonElement? request = null) => Notice(() => server.DidSave(Parse<DidSaveTextDocumentParams>(request)));

        [JsonRpcMethod("textDocument/didClose", UseSingleObjectParameterDeserialization = true)]
        public void DidClose(JsonElement? request = null) => Notice(() => server.DidClose(Parse<DidCloseTextDocumentParams>(request)));

        [JsonRpcMethod("workspace/didChangeWatchedFiles", UseSingleObjectParameterDeserialization = true)]
        public void DidChangeWatchedFiles(JsonElement? request = null) => Notice(server.DidChangeWatchedFiles);

        [JsonRpcMethod("textDocument/hover", UseSingleObjectParameterDeserialization = true)]
        public Hover? Hover(JsonElement? request = null) => Guard(() => server.Hover(Parse<TextDocumentPositionParams>(request)));

        [JsonRpcMethod("textDocument/codeAction", UseSingleObjectParameterDeserialization = true)]
        public IReadOnlyList<CodeAction> CodeAction(JsonElement? request = null) => Guard(() => server.CodeActions(Parse<CodeActionParams>(request)));

        [JsonRpcMethod("textDocument/codeLens", UseSingleObjectParameterDeserialization = true)]
        public IReadOnlyList<CodeLens> CodeLens(JsonElement? request = null) => Guard(() => server.CodeLenses(Parse<CodeLensParams>(request)));

        // Parameters are read here rather than by StreamJsonRpc, so a value of the wrong shape is an InvalidParams error
        // that says where, not a serializer's exception with its stack trace.
        private static T Parse<T>(JsonElement? request)
            where T : class
        {
            if (request is not { ValueKind: JsonValueKind.Object } element)
            {
                throw Error(LspErrors.InvalidParams, "params must be an object");
            }

            try
            {
                return element.Deserialize((JsonTypeInfo<T>)LspJson.Options.GetTypeInfo(typeof(T))) ?? throw Error(LspErrors.InvalidParams, "params must be an object");
            }
            catch (JsonException ex)
            {
                throw Error(LspErrors.InvalidParams, $"invalid params at {ex.Path ?? "$"}: expected {typeof(T).Name} fields of the right types");
            }
        }

        private T Guard<T>(Func<T> handle, bool initializing = false)
        {
            switch (server._state)
            {
                case 0 when !initializing:
                    throw Error(LspErrors.ServerNotInitialized, "the server has not been initialized");
                case 2:
                    throw Error(LspErrors.InvalidRequest, "the server is shut down");
            }

            try
            {
                return handle();
            }
            catch (Exception ex) when (ex is not LocalRpcException)
            {
                throw Error(LspErrors.InternalError, $"grader: internal error: {ex.GetType().Name}: {UntrustedText.Visible(ex.Message)}");
            }
        }

        // Notifications have no reply: before initialize or after shutdown they are dropped, and a failure is logged.
        private void Notice(Action handle)
        {
            if (server._state != 1)
            {
                return;
            }

            try
            {
                handle();
            }
#pragma warning disable CA1031 // A malformed notification must not end the session; the client hears of it in its log.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                server.Log(1, $"grader: ignored a malformed notification: {ex.GetType().Name}: {ex.Message}");
            }
        }
    }
}

/// <summary>
/// Where a finding's rule is documented: under <c>--help-base</c> when given, else the docs/rules folder of the Grader
/// checkout the binary runs from (found upward from it) as a file URI, else nowhere (the hover still shows the text).
/// </summary>
internal static class HelpLinks
{
    public static Func<DiagnosticDescriptor, string?> For(Uri? helpBase)
    {
        if (helpBase is not null)
        {
            var folder = helpBase.AbsoluteUri.EndsWith('/') ? helpBase : new Uri(helpBase.AbsoluteUri + "/");
            return d => new Uri(folder, $"{d.Id}.md").AbsoluteUri;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var rules = Path.Combine(dir.FullName, "docs", "rules");
            if (File.Exists(Path.Combine(rules, "README.md")))
            {
                var documented = new ConcurrentDictionary<string, string?>(StringComparer.Ordinal);
                return d => documented.GetOrAdd(d.Id, id => Path.Combine(rules, $"{id}.md") is var file && File.Exists(file) ? new Uri(file).AbsoluteUri : null);
            }
        }

        return _ => null;
    }
}
