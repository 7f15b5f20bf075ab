using System.Diagnostics;
using System.Text.Json;
using Grader.Cli.Lsp;
using Grader.Core.Diagnostics;
using Grader.Tests.Lsp;
using Grader.Tests.Support;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Grader.Tests.Native;

/// <summary>
/// <c>grader lsp</c> in the native binary, over its standard input and output as an editor runs it. The server's JSON
/// (StreamJsonRpc's formatter with a source-generated context) and its method table (a PolyType shape) are where Native
/// AOT would break it without a compile error, so one editing session is run against both builds and every reply and
/// notification must be the same JSON; the protocol's error paths are checked on the native one.
/// </summary>
[Trait("Category", "Slow")]
public sealed class NativeLanguageServerTests : IDisposable
{
    private const string HelpBase = "https://example.org/grader/rules/";
    private static readonly string Weak = TestGrader.ReadRepoFile("examples/video-recommendation/weak.md");
    private static readonly object Capabilities = new
    {
        workspace = new { codeLens = new { refreshSupport = true }, didChangeWatchedFiles = new { dynamicRegistration = true } },
    };

    private readonly TempFolder _folder = new();

    public NativeLanguageServerTests()
    {
        // A repository of its own, so no configuration above the temporary folder applies.
        Directory.CreateDirectory(Path.Combine(_folder.Root, ".git"));
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task An_editing_session_gets_the_same_messages_from_the_native_server_as_from_the_framework_dependent_one()
    {
        var uri = new Uri(_folder.Write("weak.md", Weak)).AbsoluteUri;
        var framework = await EditAsync(await LspSession.StartAsync(LspSession.Settings() with { HelpBase = new Uri(HelpBase) }, initialize: false), uri);
        var native = await EditAsync(await LspSession.StartProcessAsync(NativeTool.Instance.Command, _folder.Root, ["--help-base", HelpBase], initialize: false), uri);

        Assert.Equal(framework.Select(m => m.Step), native.Select(m => m.Step));
        foreach (var (expected, actual) in framework.Zip(native))
        {
            Assert.True(expected.Json == actual.Json, $"{actual.Step} differs:\nframework-dependent: {expected.Json}\nnative: {actual.Json}");
        }

        // And what the native server sent is right on its own: check's findings at their lines, in order of the session.
        var opened = JsonSerializer.Deserialize<PublishDiagnosticsParams>(native.Single(m => m.Step == "diagnostics v1").Json, LspSession.ClientJson)!;
        Assert.Equal(Expected(Weak), Seen(opened));
        Assert.Contains(opened.Diagnostics, d => d.Code == DiagnosticIds.NoQuantifiedRequirements && d.CodeDescription!.Href == HelpBase + "MLSD0201.md");
        Assert.Contains("**MLSD0202** No simple baseline is proposed", native.Single(m => m.Step == "hover").Json, StringComparison.Ordinal);
        using var actions = JsonDocument.Parse(native.Single(m => m.Step == "code actions").Json);
        Assert.Contains("Insert the missing 'Monitoring and maintenance' step", actions.RootElement.EnumerateArray().Select(a => a.GetProperty("title").GetString()));
        var edited = JsonSerializer.Deserialize<PublishDiagnosticsParams>(native.Single(m => m.Step == "diagnostics v2").Json, LspSession.ClientJson)!;
        Assert.Equal(2, edited.Version);
        Assert.DoesNotContain(edited.Diagnostics, d => d.Code == DiagnosticIds.StepMissing && d.Message.Contains("Monitoring", StringComparison.Ordinal));
        Assert.Equal("""{"uri":"URI","diagnostics":[]}""", native.Single(m => m.Step == "diagnostics after close").Json.Replace(uri, "URI", StringComparison.Ordinal));
        Assert.Equal("0", native.Single(m => m.Step == "exit code").Json);
    }

    [Fact]
    public async Task The_native_server_refuses_bad_requests_with_their_JSON_RPC_errors_and_goes_on()
    {
        await using (var session = await LspSession.StartProcessAsync(NativeTool.Instance.Command, _folder.Root, [], initialize: false))
        {
            var early = await Assert.ThrowsAsync<RemoteInvocationException>(() =>
                session.RequestAsync<JsonElement?>("textDocument/hover", new { textDocument = new { uri = "file:///a.md" }, position = new { line = 0, character = 0 } }));
            Assert.Equal(-32002, early.ErrorCode);

            await session.InitializeAsync();
            var twice = await Assert.ThrowsAsync<RemoteInvocationException>(() => session.InitializeAsync());
            Assert.Equal(-32600, twice.ErrorCode);

            var wrongType = await Assert.ThrowsAnyAsync<RemoteRpcException>(() =>
                session.RequestAsync<JsonElement?>("textDocument/hover", new { textDocument = new { uri = "file:///a.md" }, position = "here" }));
            Assert.Equal(JsonRpcErrorCode.InvalidParams, wrongType.ErrorCode);
            Assert.Equal("invalid params at $.position: expected TextDocumentPositionParams fields of the right types", wrongType.Message);

            var unknown = await Assert.ThrowsAnyAsync<RemoteRpcException>(() => session.RequestAsync<JsonElement?>("textDocument/nothing", new { }));
            Assert.Equal(JsonRpcErrorCode.MethodNotFound, unknown.ErrorCode);

            // A malformed notification is logged to the client (window/logMessage) and the next message is handled.
            await session.Rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = 5 });
            var uri = new Uri(_folder.Write("weak.md", Weak)).AbsoluteUri;
            await session.OpenAsync(uri, Weak);
            Assert.Equal(1, (await session.NextDiagnosticsAsync(uri)).Version);
            Assert.Contains(session.Log, m => m.StartsWith("grader: ignored a malformed notification", StringComparison.Ordinal));

            // Exit without shutdown: the server stops with 1, as LSP asks.
            await session.Rpc.NotifyAsync("exit");
            Assert.Equal(1, await session.Server.WaitAsync(TimeSpan.FromSeconds(30)));
        }

        // Bodies that are not JSON-RPC at all: a reply the formatter writes itself, and the session goes on.
        var start = new ProcessStartInfo(NativeTool.Instance.Command, ["lsp"]) { WorkingDirectory = _folder.Root, RedirectStandardInput = true, RedirectStandardOutput = true };
        start.Environment.Remove("CI");
        using var server = Process.Start(start)!;
        var (input, output) = (server.StandardInput.BaseStream, server.StandardOutput.BaseStream);
        await LspFrames.SendAsync(input, "{not json");
        var parse = await LspFrames.ReceiveAsync(output);
        Assert.Equal(-32700, parse.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(JsonValueKind.Null, parse.GetProperty("id").ValueKind);
        await LspFrames.SendAsync(input, "[1, 2]");
        Assert.Equal(-32600, (await LspFrames.ReceiveAsync(output)).GetProperty("error").GetProperty("code").GetInt32());
        await LspFrames.SendAsync(input, """{"jsonrpc":"2.0","id":8,"method":"shutdown"}""");
        Assert.Equal(-32002, (await LspFrames.ReceiveAsync(output)).GetProperty("error").GetProperty("code").GetInt32());
        await LspFrames.SendAsync(input, """{"jsonrpc":"2.0","id":9,"method":"initialize","params":{"capabilities":{}}}""");
        Assert.Equal("grader", (await LspFrames.ReceiveAsync(output)).GetProperty("result").GetProperty("serverInfo").GetProperty("name").GetString());
        await LspFrames.SendAsync(input, """{"jsonrpc":"2.0","id":10,"method":"shutdown"}""");
        Assert.Equal(10, (await LspFrames.ReceiveAsync(output)).GetProperty("id").GetInt32());
        await LspFrames.SendAsync(input, """{"jsonrpc":"2.0","method":"exit"}""");
        await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, server.ExitCode);
    }

    // Opens the weak answer, asks for hover, code actions and lenses, applies the monitoring step's action, closes the
    // answer and shuts down: each reply or notification as JSON, in order.
    private static async Task<List<(string Step, string Json)>> EditAsync(LspSession session, string uri)
    {
        var messages = new List<(string, string)>();
        await using (session)
        {
            messages.Add(("initialize", (await session.InitializeAsync(Capabilities)).GetRawText()));
            await TestWait.Until(() => session.Registrations.Count > 0);
            messages.Add(("registrations", string.Join('\n', session.Registrations)));

            await session.OpenAsync(uri, Weak);
            messages.Add(("diagnostics v1", JsonSerializer.Serialize(await session.NextDiagnosticsAsync(uri), LspSession.ClientJson)));
            await TestWait.Until(() => session.LensRefreshes > 0);
            messages.Add(("hover", (await session.RequestAsync<JsonElement>("textDocument/hover", new { textDocument = new { uri }, position = new { line = 19, character = 3 } })).GetRawText()));
            var actions = await session.RequestAsync<JsonElement>("textDocument/codeAction", Range(uri, 5));
            messages.Add(("code actions", actions.GetRawText()));
            messages.Add(("code lenses", (await session.RequestAsync<JsonElement>("textDocument/codeLens", new { textDocument = new { uri } })).GetRawText()));

            var monitoring = actions.EnumerateArray().Single(a => a.GetProperty("title").GetString() == "Insert the missing 'Monitoring and maintenance' step");
            var edits = monitoring.GetProperty("edit").GetProperty("changes").GetProperty(uri).Deserialize<List<TextEdit>>(LspSession.ClientJson)!;
            await session.ChangeAsync(uri, Edits.Apply(Weak, edits), 2);
            messages.Add(("diagnostics v2", JsonSerializer.Serialize(await session.NextDiagnosticsAsync(uri), LspSession.ClientJson)));

            await session.Rpc.NotifyWithParameterObjectAsync("textDocument/didClose", new { textDocument = new { uri } });
            messages.Add(("diagnostics after close", JsonSerializer.Serialize(await session.NextDiagnosticsAsync(uri), LspSession.ClientJson)));
            messages.Add(("exit code", (await session.StopAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return messages;
    }

    // What check reports for the same text: (0-based line, id), findings about something absent on the title line.
    private static List<(int Line, string Id)> Expected(string text)
    {
        var result = TestGrader.Engine.Grade("answer.md", text);
        var title = LspFindings.TitleLine(result);
        return [.. result.Diagnostics.Where(d => !d.IsSuppressed).Select(d => ((d.Span.IsNone ? title : d.Span.Line) - 1, d.Id)).Order()];
    }

    private static List<(int Line, string Id)> Seen(PublishDiagnosticsParams published) =>
        [.. published.Diagnostics.Select(d => (d.Range.Start.Line, d.Code!)).Order()];

    private static object Range(string uri, int line) =>
        new { textDocument = new { uri }, range = new { start = new { line, character = 0 }, end = new { line, character = 0 } }, context = new { diagnostics = Array.Empty<object>() } };
}
