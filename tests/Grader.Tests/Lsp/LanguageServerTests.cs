using System.Text.Json;
using Grader.Cli.Lsp;
using Grader.Core.Diagnostics;
using Grader.Tests.Support;
using Nerdbank.Streams;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace Grader.Tests.Lsp;

/// <summary>The language server as an editor sees it, over a pipe pair: what it publishes, answers and refuses.</summary>
public sealed class LanguageServerTests : IDisposable
{
    private static readonly string Weak = TestGrader.ReadRepoFile("examples/video-recommendation/weak.md");
    private readonly TempFolder _folder = new();

    public LanguageServerTests()
    {
        // A repository of its own, so no configuration above the temporary folder applies.
        Directory.CreateDirectory(Path.Combine(_folder.Root, ".git"));
    }

    public void Dispose() => _folder.Dispose();

    private string Answer(string name = "weak.md", string? text = null) => new Uri(_folder.Write(name, text ?? Weak)).AbsoluteUri;

    // What check reports for the same text: (0-based line, id), findings about something absent on the title line.
    private static List<(int Line, string Id)> Expected(string text, Grader.Core.Configuration.GraderConfig? config = null)
    {
        var result = TestGrader.Engine.Grade("answer.md", text, config: config);
        var title = LspFindings.TitleLine(result);
        return [.. result.Diagnostics.Where(d => !d.IsSuppressed).Select(d => ((d.Span.IsNone ? title : d.Span.Line) - 1, d.Id)).Order()];
    }

    private static List<(int Line, string Id)> Seen(PublishDiagnosticsParams published) =>
        [.. published.Diagnostics.Select(d => (d.Range.Start.Line, d.Code!)).Order()];

    [Fact]
    public async Task Initialize_announces_full_sync_hover_code_actions_and_lenses()
    {
        await using var session = await LspSession.StartAsync(initialize: false);
        var result = await session.InitializeAsync();
        var capabilities = result.GetProperty("capabilities");
        Assert.Equal(1, capabilities.GetProperty("textDocumentSync").GetProperty("change").GetInt32());
        Assert.True(capabilities.GetProperty("textDocumentSync").GetProperty("openClose").GetBoolean());
        Assert.True(capabilities.GetProperty("hoverProvider").GetBoolean());
        Assert.Equal("quickfix", capabilities.GetProperty("codeActionProvider").GetProperty("codeActionKinds")[0].GetString());
        Assert.False(capabilities.GetProperty("codeLensProvider").GetProperty("resolveProvider").GetBoolean());
        Assert.Equal("grader", result.GetProperty("serverInfo").GetProperty("name").GetString());
        Assert.Equal(0, await session.StopAsync());
    }

    [Fact]
    public async Task Opening_an_answer_publishes_the_findings_check_reports_at_their_lines()
    {
        await using var session = await LspSession.StartAsync();
        var uri = Answer();
        await session.OpenAsync(uri, Weak);
        var published = await session.NextDiagnosticsAsync(uri);

        Assert.Equal(1, published.Version);
        Assert.Equal(Expected(Weak), Seen(published));
        Assert.All(published.Diagnostics, d => Assert.Equal("grader", d.Source));
        var requirements = Assert.Single(published.Diagnostics, d => d.Code == DiagnosticIds.NoQuantifiedRequirements);
        Assert.Equal(new LspRange(new Position(7, 0), new Position(7, "## Requirements".Length)), requirements.Range);
        Assert.Equal(2, requirements.Severity);
        Assert.EndsWith("(4.2 points lost)", requirements.Message, StringComparison.Ordinal);
        Assert.EndsWith("docs/rules/MLSD0201.md", requirements.CodeDescription!.Href, StringComparison.Ordinal);
        Assert.True(File.Exists(new Uri(requirements.CodeDescription.Href).LocalPath));

        // A missing step has no line: it stands on the title, "# Video Recommendation System".
        var missing = published.Diagnostics.Where(d => d.Code == DiagnosticIds.StepMissing).ToList();
        Assert.Equal(2, missing.Count);
        Assert.All(missing, d => Assert.Equal(5, d.Range.Start.Line));
    }

    [Fact]
    public async Task A_change_is_graded_after_the_debounce_and_replaces_the_findings()
    {
        await using var session = await LspSession.StartAsync();
        var uri = Answer();
        await session.OpenAsync(uri, Weak);
        await session.NextDiagnosticsAsync(uri);

        var better = Weak + "\n## Monitoring\n\nWe track the click-through rate per hour and alert when it falls 5 % below last week's; feature drift is checked daily, and the model is retrained weekly and compared with the current one before it ships.\n";
        await session.ChangeAsync(uri, better, 2);
        var published = await session.NextDiagnosticsAsync(uri);

        Assert.Equal(2, published.Version);
        Assert.Equal(Expected(better), Seen(published));
        Assert.DoesNotContain(published.Diagnostics, d => d.Code == DiagnosticIds.StepMissing && d.Message.Contains("Monitoring", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_version_superseded_while_it_was_graded_is_never_published()
    {
        var newer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var graded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var settings = LspSession.Settings() with
        {
            // Version 1's grade finishes, then waits (ignoring cancellation) until version 2 has arrived.
            BeforePublish = async (version, _) =>
            {
                if (version == 1)
                {
                    graded.TrySetResult();
                    await newer.Task;
                }
            },
        };
        await using var session = await LspSession.StartAsync(settings);
        var uri = Answer();
        await session.OpenAsync(uri, Weak);
        await graded.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var changed = Weak.Replace("# Video Recommendation System", "# Video Recommendations", StringComparison.Ordinal);
        await session.ChangeAsync(uri, changed, 2);

        // didChange is handled before the next request: once hover answers, the server holds version 2.
        await session.RequestAsync<JsonElement?>("textDocument/hover", new { textDocument = new { uri }, position = new { line = 0, character = 0 } });
        newer.SetResult();

        var published = await session.NextDiagnosticsAsync(uri);
        Assert.Equal(2, published.Version);
        Assert.Equal(Expected(changed), Seen(published));
        Assert.False(session.Diagnostics.TryRead(out var extra), $"an extra publish for version {extra?.Version}");
    }

    [Fact]
    public async Task Rapid_changes_are_graded_once_for_the_last_version()
    {
        await using var session = await LspSession.StartAsync();
        var uri = Answer();
        await session.OpenAsync(uri, Weak);
        await session.NextDiagnosticsAsync(uri);
        for (var version = 2; version <= 20; version++)
        {
            await session.ChangeAsync(uri, Weak + new string('\n', version), version);
        }

        var published = await session.NextDiagnosticsAsync(uri);
        Assert.Equal(20, published.Version);

        // An out-of-order older version changes nothing.
        await session.ChangeAsync(uri, "# stale\n", 3);
        await Task.Delay(1000);
        Assert.False(session.Diagnostics.TryRead(out _));
    }

    [Fact]
    public async Task Hover_on_a_finding_shows_its_message_and_the_rule_explanation()
    {
        await using var session = await LspSession.StartAsync();
        var uri = Answer();
        await session.OpenAsync(uri, Weak);
        await session.NextDiagnosticsAsync(uri);

        // Line 20 (0-based 19) is "## Model": MLSD0202, MLSD0204 and the model step's criteria stand there.
        var hover = await session.RequestAsync<JsonElement>("textDocument/hover", new { textDocument = new { uri }, position = new { line = 19, character = 3 } });
        var contents = hover.GetProperty("contents");
        Assert.Equal("markdown", contents.GetProperty("kind").GetString());
        var text = contents.GetProperty("value").GetString()!;
        Assert.Contains("**MLSD0202** No simple baseline is proposed", text, StringComparison.Ordinal);
        Assert.Contains(Grader.Cli.ExplainCommand.RuleText("MLSD0202")!.TrimEnd(), text, StringComparison.Ordinal);
        Assert.Contains(Grader.Cli.ExplainCommand.RuleText("MLSD0204")!.TrimEnd(), text, StringComparison.Ordinal);

        // A criterion's finding brings the criterion's definition, as 'grader explain model.loss' prints it.
        Assert.Contains("model.loss (base, step model", text, StringComparison.Ordinal);

        var nothing = await session.RequestAsync<JsonElement?>("textDocument/hover", new { textDocument = new { uri }, position = new { line = 14, character = 3 } });
        Assert.Null(nothing);
    }

    [Fact]
    public async Task Applying_the_missing_step_action_makes_its_finding_disappear()
    {
        await using var session = await LspSession.StartAsync();
        var uri = Answer();
        await session.OpenAsync(uri, Weak);
        await session.NextDiagnosticsAsync(uri);

        var actions = await session.RequestAsync<List<CodeAction>>("textDocument/codeAction", Range(uri, 5));
        Assert.Contains(actions, a => a.Title == "Insert the missing 'Framing the problem as an ML task' step");
        var monitoring = Assert.Single(actions, a => a.Title == "Insert the missing 'Monitoring and maintenance' step");

        // One comment silences both missing-step findings: one action, naming both.
        var suppressBoth = Assert.Single(actions, a => a.Title.StartsWith("Suppress MLSD0101 in this file", StringComparison.Ordinal));
        Assert.Equal(2, suppressBoth.Diagnostics!.Count);
        Assert.Equal("quickfix", monitoring.Kind);
        Assert.True(monitoring.IsPreferred);
        var resolved = Assert.Single(monitoring.Diagnostics!);
        Assert.Equal(DiagnosticIds.StepMissing, resolved.Code);

        var edited = Edits.Apply(Weak, monitoring.Edit.Changes[uri]);
        Assert.EndsWith("more videos.\n\n## Monitoring and maintenance\n\n<!-- Cover (10 points):\n", edited[..(edited.IndexOf("  - ", edited.IndexOf("## Monitoring", StringComparison.Ordinal), StringComparison.Ordinal))], StringComparison.Ordinal);
        await session.ChangeAsync(uri, edited, 2);
        var published = await session.NextDiagnosticsAsync(uri);

        Assert.Equal(Expected(edited), Seen(published));
        Assert.DoesNotContain(published.Diagnostics, d => d.Code == DiagnosticIds.StepMissing && d.Message.Contains("Monitoring", StringComparison.Ordinal));
        Assert.Contains(published.Diagnostics, d => d.Code == DiagnosticIds.StepMissing && d.Message.Contains("Framing", StringComparison.Ordinal));

        // The inserted heading is where the monitoring step now stands, with its own lens.
        var heading = edited.Split('\n').ToList().IndexOf("## Monitoring and maintenance");
        var lenses = await session.RequestAsync<List<CodeLens>>("textDocument/codeLens", new { textDocument = new { uri } });
        Assert.Contains(lenses, l => l.Range.Start.Line == heading && l.Command.Title.StartsWith("Monitoring ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_missing_framing_step_goes_before_the_data_heading()
    {
        await using var session = await LspSession.StartAsync();
        var uri = Answer();
        await session.OpenAsync(uri, Weak);
        await session.NextDiagnosticsAsync(uri);

        var actions = await session.RequestAsync<List<CodeAction>>("textDocument/codeAction", Range(uri, 5));
        var framing = Assert.Single(actions, a => a.Title.Contains("Framing", StringComparison.Ordinal));
        var edit = Assert.Single(framing.Edit.Changes[uri]);
        Assert.Equal(new Position(11, 0), edit.Range.Start);
        Assert.StartsWith("## Framing the problem as an ML task\n\n<!-- Cover (10 points):\n", edit.NewText, StringComparison.Ordinal);
        Assert.EndsWith("-->\n\n", edit.NewText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_suppression_action_silences_its_finding_once_applied()
    {
        await using var session = await LspSession.StartAsync();
        var uri = Answer();
        await session.OpenAsync(uri, Weak);
        await session.NextDiagnosticsAsync(uri);

        var actions = await session.RequestAsync<List<CodeAction>>("textDocument/codeAction", Range(uri, 19));
        var suppress = Assert.Single(actions, a => a.Title.StartsWith("Suppress MLSD0202 on this line", StringComparison.Ordinal));
        Assert.Null(suppress.IsPreferred);
        var edit = Assert.Single(suppress.Edit.Changes[uri]);
        Assert.Equal("<!-- grader-disable-next-line MLSD0202 -- reason -->\n", edit.NewText);

        // A criterion is silenced by its own id, not by the rule all criteria share.
        Assert.Contains(actions, a => a.Title.StartsWith("Suppress model.loss on this line", StringComparison.Ordinal));

        var edited = Edits.Apply(Weak, suppress.Edit.Changes[uri]);
        await session.ChangeAsync(uri, edited, 2);
        var published = await session.NextDiagnosticsAsync(uri);
        Assert.DoesNotContain(published.Diagnostics, d => d.Code == DiagnosticIds.NoBaseline);
        Assert.DoesNotContain(published.Diagnostics, d => d.Code is DiagnosticIds.SuppressionWithoutReason or DiagnosticIds.UnusedSuppression);
        Assert.Contains(published.Diagnostics, d => d.Code == DiagnosticIds.NoTradeOffs);
    }

    [Fact]
    public async Task Integrity_findings_are_offered_no_suppression()
    {
        await using var session = await LspSession.StartAsync();
        var uri = Answer();
        await session.OpenAsync(uri, Weak);
        await session.NextDiagnosticsAsync(uri);

        // Line 28 (0-based 27) is the buzzword list, MLSD0901.
        var actions = await session.RequestAsync<List<CodeAction>>("textDocument/codeAction", Range(uri, 27));
        Assert.DoesNotContain(actions, a => a.Title.Contains("MLSD0901", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_answer_without_front_matter_is_offered_front_matter_naming_the_detected_problem()
    {
        var text = Weak[(Weak.IndexOf("# Video", StringComparison.Ordinal))..].Replace("# Video Recommendation System", "# My design", StringComparison.Ordinal);
        await using var session = await LspSession.StartAsync();
        var uri = Answer(text: text);
        await session.OpenAsync(uri, text);
        await session.NextDiagnosticsAsync(uri);

        var actions = await session.RequestAsync<List<CodeAction>>("textDocument/codeAction", Range(uri, 0));
        var add = Assert.Single(actions, a => a.Title == "Add front matter with 'problem: video-recommendation'");
        var edit = Assert.Single(add.Edit.Changes[uri]);
        Assert.Equal("---\nproblem: video-recommendation\n---\n\n", edit.NewText);
        Assert.Equal(new Position(0, 0), edit.Range.Start);

        await session.ChangeAsync(uri, Edits.Apply(text, add.Edit.Changes[uri]), 2);
        await session.NextDiagnosticsAsync(uri);
        var after = await session.RequestAsync<List<CodeAction>>("textDocument/codeAction", Range(uri, 0));
        Assert.DoesNotContain(after, a => a.Title.StartsWith("Add front matter", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Code_lenses_show_the_total_on_the_title_and_each_step_on_its_heading()
    {
        await using var session = await LspSession.StartAsync(capabilities: new { workspace = new { codeLens = new { refreshSupport = true } } });
        var uri = Answer();
        await session.OpenAsync(uri, Weak);
        await session.NextDiagnosticsAsync(uri);

        var lenses = await session.RequestAsync<List<CodeLens>>("textDocument/codeLens", new { textDocument = new { uri } });
        var shown = lenses.Select(l => (l.Range.Start.Line, l.Command.Title)).ToList();
        var card = TestGrader.Engine.Grade("answer.md", Weak).Score;
        string S(int step) => card.Steps[step].Score.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            [
                (5, $"Total {card.Total.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} / 100 (weak)"), (7, $"Requirements {S(0)} / 15"),
                (5, $"Framing {S(1)} / 10 (missing)"), (11, $"Data {S(2)} / 15"), (19, $"Model {S(3)} / 20"), (38, $"Evaluation {S(4)} / 15"),
                (42, $"Serving {S(5)} / 15"), (5, $"Monitoring {S(6)} / 10 (missing)"),
            ],
            shown);
        Assert.All(lenses, l => Assert.Equal("", l.Command.Name));

        // Lenses are refreshed with the diagnostics when the client supports it.
        await TestWait.Until(() => session.LensRefreshes > 0);
    }

    [Fact]
    public async Task Requests_before_initialize_are_refused_with_ServerNotInitialized()
    {
        await using var session = await LspSession.StartAsync(initialize: false);
        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() =>
            session.RequestAsync<JsonElement?>("textDocument/hover", new { textDocument = new { uri = "file:///a.md" }, position = new { line = 0, character = 0 } }));
        Assert.Equal(-32002, error.ErrorCode);

        await session.InitializeAsync();
        var twice = await Assert.ThrowsAsync<RemoteInvocationException>(() => session.InitializeAsync());
        Assert.Equal(-32600, twice.ErrorCode);
    }

    [Fact]
    public async Task Requests_with_params_of_the_wrong_shape_get_InvalidParams_and_the_session_goes_on()
    {
        await using var session = await LspSession.StartAsync();
        // StreamJsonRpc's client reads -32602 as RemoteMethodNotFoundException; the code on the wire is what counts.
        var wrongType = await Assert.ThrowsAnyAsync<RemoteRpcException>(() =>
            session.RequestAsync<JsonElement?>("textDocument/hover", new { textDocument = new { uri = "file:///a.md" }, position = "here" }));
        Assert.Equal(JsonRpcErrorCode.InvalidParams, wrongType.ErrorCode);
        Assert.Equal("invalid params at $.position: expected TextDocumentPositionParams fields of the right types", wrongType.Message);

        var missing = await Assert.ThrowsAnyAsync<RemoteRpcException>(() =>
            session.RequestAsync<JsonElement?>("textDocument/codeAction", new { textDocument = new { uri = "file:///a.md" } }));
        Assert.Equal(JsonRpcErrorCode.InvalidParams, missing.ErrorCode);
        Assert.Equal("textDocument/codeAction needs a range", missing.Message);

        var unknown = await Assert.ThrowsAnyAsync<RemoteRpcException>(() => session.RequestAsync<JsonElement?>("textDocument/nothing", new { }));
        Assert.Equal(JsonRpcErrorCode.MethodNotFound, unknown.ErrorCode);

        // A malformed notification has no reply: it is logged, and the next message is handled as usual.
        await session.Rpc.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = 5 });
        var uri = Answer();
        await session.OpenAsync(uri, Weak);
        Assert.Equal(1, (await session.NextDiagnosticsAsync(uri)).Version);
        Assert.Contains(session.Log, m => m.StartsWith("grader: ignored a malformed notification", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bodies_that_are_not_JSON_RPC_get_ParseError_or_InvalidRequest_and_the_session_goes_on()
    {
        var (serverStream, client) = FullDuplexStream.CreatePair();
        var server = Task.Run(() => LanguageServer.RunAsync(serverStream, serverStream, LspSession.Settings()));
        await using (client)
        {
            await LspFrames.SendAsync(client, "{not json");
            var parse = await LspFrames.ReceiveAsync(client);
            Assert.Equal(-32700, parse.GetProperty("error").GetProperty("code").GetInt32());
            Assert.Equal(JsonValueKind.Null, parse.GetProperty("id").ValueKind);

            await LspFrames.SendAsync(client, "[1, 2]");
            Assert.Equal(-32600, (await LspFrames.ReceiveAsync(client)).GetProperty("error").GetProperty("code").GetInt32());

            await LspFrames.SendAsync(client, """{"jsonrpc":"2.0","id":7,"method":"initialize","params":{"capabilities":{}}}""");
            var initialized = await LspFrames.ReceiveAsync(client);
            Assert.Equal(7, initialized.GetProperty("id").GetInt32());
            Assert.True(initialized.TryGetProperty("result", out _));

            await LspFrames.SendAsync(client, """{"jsonrpc":"2.0","id":8,"method":"shutdown"}""");
            Assert.Equal(8, (await LspFrames.ReceiveAsync(client)).GetProperty("id").GetInt32());
            await LspFrames.SendAsync(client, """{"jsonrpc":"2.0","method":"exit"}""");
            Assert.Equal(0, await server.WaitAsync(TimeSpan.FromSeconds(30)));
        }
    }

    [Fact]
    public async Task Exit_without_shutdown_ends_the_server_with_1()
    {
        await using var session = await LspSession.StartAsync();
        await session.Rpc.NotifyAsync("exit");
        Assert.Equal(1, await session.Server.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task After_shutdown_requests_are_refused_with_InvalidRequest()
    {
        await using var session = await LspSession.StartAsync();
        await session.RequestAsync<JsonElement?>("shutdown", new { });
        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() =>
            session.RequestAsync<JsonElement?>("textDocument/codeLens", new { textDocument = new { uri = "file:///a.md" } }));
        Assert.Equal(-32600, error.ErrorCode);
    }

    [Fact]
    public async Task An_invalid_config_becomes_one_error_diagnostic_and_a_fixed_one_is_reread_when_the_client_says_it_changed()
    {
        var config = _folder.Write(".grader.yaml", "rules: [this is not a map\n");
        await using var session = await LspSession.StartAsync();
        var uri = Answer();
        await session.OpenAsync(uri, Weak);
        var broken = await session.NextDiagnosticsAsync(uri);
        var error = Assert.Single(broken.Diagnostics);
        Assert.Equal(1, error.Severity);
        Assert.Null(error.Code);
        Assert.Equal(new Position(0, 0), error.Range.Start);
        Assert.StartsWith("grader could not read its configuration or rubrics: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(".grader.yaml", error.Message, StringComparison.Ordinal);

        File.WriteAllText(config, "rules:\n  MLSD0201: none\n");
        await session.Rpc.NotifyWithParameterObjectAsync("workspace/didChangeWatchedFiles", new { changes = new[] { new { uri = new Uri(config).AbsoluteUri, type = 2 } } });
        var regraded = await session.NextDiagnosticsAsync(uri);
        // As check grades it with that config: the rule's finding is off, and the loss it explained falls to MLSD0301.
        var off = Grader.Core.Configuration.GraderConfig.Default with
        {
            Rules = Grader.Core.Configuration.GraderConfig.Default.Rules.SetItem(DiagnosticIds.NoQuantifiedRequirements, null),
        };
        Assert.Equal(Expected(Weak, off).Where(e => e.Id != DiagnosticIds.NoQuantifiedRequirements), Seen(regraded));
    }

    [Fact]
    public async Task A_client_that_can_watch_files_is_asked_to_watch_configs_and_rubrics()
    {
        await using var session = await LspSession.StartAsync(capabilities: new { workspace = new { didChangeWatchedFiles = new { dynamicRegistration = true } } });
        await TestWait.Until(() => session.Registrations.Count > 0);
        var registration = JsonDocument.Parse(Assert.Single(session.Registrations)).RootElement.GetProperty("registrations")[0];
        Assert.Equal("workspace/didChangeWatchedFiles", registration.GetProperty("method").GetString());
        Assert.Equal(
            ["**/.grader.yaml", "**/*.{yaml,yml}"],
            registration.GetProperty("registerOptions").GetProperty("watchers").EnumerateArray().Select(w => w.GetProperty("globPattern").GetString()));

        await using var plain = await LspSession.StartAsync();
        await plain.RequestAsync<JsonElement?>("shutdown", new { });
        Assert.Empty(plain.Registrations);
    }

    [Fact]
    public async Task The_trusted_config_and_CI_mode_apply_as_in_check()
    {
        _folder.Write(".grader.yaml", "rules:\n  MLSD0201: none\n");
        var trusted = _folder.Write("trusted/grader.yaml", "rules:\n  MLSD0202: none\n");
        var ci = new Grader.Cli.TrustSettings(true, new Grader.Core.Configuration.ConfigPolicy(trusted, Grader.Core.Configuration.DiscoveryMode.Ignore, false, RestorePointsAllowed: false, InlineSuppressions: true));
        await using var session = await LspSession.StartAsync(LspSession.Settings() with { Trust = ci });
        var uri = Answer();
        await session.OpenAsync(uri, Weak);
        var published = await session.NextDiagnosticsAsync(uri);

        // The discovered file is ignored in CI mode (and said so in the log); the explicit one is used.
        Assert.Contains(published.Diagnostics, d => d.Code == DiagnosticIds.NoQuantifiedRequirements);
        Assert.DoesNotContain(published.Diagnostics, d => d.Code == DiagnosticIds.NoBaseline);
        await TestWait.Until(() => session.Log.Any(m => m.Contains("config.discovered-ignored", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Closing_an_answer_clears_its_diagnostics()
    {
        await using var session = await LspSession.StartAsync();
        var uri = Answer();
        await session.OpenAsync(uri, Weak);
        await session.NextDiagnosticsAsync(uri);
        await session.Rpc.NotifyWithParameterObjectAsync("textDocument/didClose", new { textDocument = new { uri } });
        var cleared = await session.NextDiagnosticsAsync(uri);
        Assert.Empty(cleared.Diagnostics);
        Assert.Null(await session.RequestAsync<JsonElement?>("textDocument/hover", new { textDocument = new { uri }, position = new { line = 7, character = 0 } }));
    }

    private static object Range(string uri, int line) =>
        new { textDocument = new { uri }, range = new { start = new { line, character = 0 }, end = new { line, character = 0 } }, context = new { diagnostics = Array.Empty<object>() } };
}
