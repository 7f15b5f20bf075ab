using System.Text.Json;
using Grader.Cli.Lsp;
using Grader.Core.Diagnostics;
using Grader.Tests.Support;
using Xunit.Abstractions;

namespace Grader.Tests.Lsp;

/// <summary>
/// A real editor: Neovim (Debian's package, installed if missing) runs headless with <c>grader lsp</c> as its language
/// server, opens an answer, and reads the findings back through <c>vim.diagnostic.get()</c>, before and after applying
/// the code action that inserts the missing monitoring step.
/// </summary>
[Trait("Category", "Slow")]
public class NeovimTests(ITestOutputHelper output) : IDisposable
{
    private static readonly Lazy<string?> Nvim = new(FindOrInstall, LazyThreadSafetyMode.ExecutionAndPublication);
    private static string? _installError;
    private readonly TempFolder _folder = new();

    /// <summary>The server Neovim starts: the framework-dependent build this test run built.</summary>
    protected virtual string[] Server => ["dotnet", "exec", Path.Combine(AppContext.BaseDirectory, "grader.dll"), "lsp"];

    public void Dispose()
    {
        _folder.Dispose();
        GC.SuppressFinalize(this);
    }

    [SkippableFact]
    public void Neovim_shows_the_findings_at_their_lines_and_updates_them_after_the_monitoring_action()
    {
        Skip.If(Nvim.Value is null, $"Neovim is not installed and could not be installed: {_installError}");
        Directory.CreateDirectory(Path.Combine(_folder.Root, ".git"));
        var answer = _folder.Copy("examples/video-recommendation/weak.md", "weak.md");
        var results = Path.Combine(_folder.Root, "results.json");
        var script = _folder.Write("grader-test.lua", Script);
        var server = JsonSerializer.Serialize(Server);
        var run = Chromium.Run(Nvim.Value!, ["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", $"luafile {script}"], TimeSpan.FromMinutes(5),
            new Dictionary<string, string> { ["GRADER_ANSWER"] = answer, ["GRADER_OUT"] = results, ["GRADER_CMD"] = server, ["HOME"] = _folder.Root });
        output.WriteLine($"nvim exit {run.ExitCode}; stderr: {run.Stderr}");
        Assert.True(File.Exists(results), $"Neovim wrote no results (exit {run.ExitCode}): {run.Stdout}\n{run.Stderr}");
        using var json = JsonDocument.Parse(File.ReadAllText(results));
        var root = json.RootElement;
        Assert.True(root.GetProperty("error").ValueKind == JsonValueKind.Null, root.GetProperty("error").ToString());

        output.WriteLine($"Neovim {root.GetProperty("version")}; server started and initialized in {root.GetProperty("init_ms").GetDouble():0} ms; "
            + $"diagnostics {root.GetProperty("first_ms").GetDouble():0} ms after the buffer was opened (didOpen); after the code action, new diagnostics in {root.GetProperty("update_ms").GetDouble():0} ms");
        output.WriteLine("vim.diagnostic.get() before the code action:");
        output.WriteLine(Pretty(root.GetProperty("before")));
        output.WriteLine("code actions on the title line: " + string.Join(" | ", root.GetProperty("actions").EnumerateArray().Select(a => a.GetString())));
        output.WriteLine("vim.diagnostic.get() after applying \"" + root.GetProperty("applied").GetString() + "\":");
        output.WriteLine(Pretty(root.GetProperty("after")));

        // Every finding check reports, at its line (findings about something absent on the title line).
        var before = Ids(root.GetProperty("before"));
        Assert.Equal(Expected(File.ReadAllText(answer)), before);
        Assert.Contains((7, DiagnosticIds.NoQuantifiedRequirements), before);
        Assert.Contains((19, DiagnosticIds.NoBaseline), before);
        Assert.Contains((27, DiagnosticIds.KeywordStuffing), before);
        Assert.Contains((38, DiagnosticIds.StepHollow), before);
        Assert.Contains((40, DiagnosticIds.DesignError), before);
        Assert.Equal(2, before.Count(b => b == (5, DiagnosticIds.StepMissing)));
        Assert.All(root.GetProperty("before").EnumerateArray(), d => Assert.Equal("grader", d.GetProperty("source").GetString()));

        // After the action the buffer has the monitoring step, and the findings are those of the new text.
        var text = string.Join('\n', root.GetProperty("lines_after").EnumerateArray().Select(l => l.GetString())) + "\n";
        Assert.Contains("\n## Monitoring and maintenance\n", text, StringComparison.Ordinal);
        var after = Ids(root.GetProperty("after"));
        Assert.Equal(Expected(text), after);
        Assert.Equal(1, after.Count(b => b == (5, DiagnosticIds.StepMissing)));
        Assert.DoesNotContain(root.GetProperty("after").EnumerateArray(), d =>
            d.GetProperty("code").GetString() == DiagnosticIds.StepMissing && d.GetProperty("message").GetString()!.Contains("'Monitoring and maintenance'", StringComparison.Ordinal));
        Assert.True(root.GetProperty("after_version").GetInt32() > root.GetProperty("before_version").GetInt32());
    }

    private static List<(int Line, string Id)> Ids(JsonElement diagnostics) =>
        [.. diagnostics.EnumerateArray().Select(d => (d.GetProperty("lnum").GetInt32(), d.GetProperty("code").GetString()!)).Order()];

    private static List<(int Line, string Id)> Expected(string text)
    {
        var result = TestGrader.Engine.Grade("weak.md", text);
        var title = LspFindings.TitleLine(result);
        return [.. result.Diagnostics.Where(d => !d.IsSuppressed).Select(d => ((d.Span.IsNone ? title : d.Span.Line) - 1, d.Id)).Order()];
    }

    private static string Pretty(JsonElement diagnostics) =>
        string.Join('\n', diagnostics.EnumerateArray().Select(d =>
            $"  lnum={d.GetProperty("lnum").GetInt32(),2} col={d.GetProperty("col").GetInt32()} severity={d.GetProperty("severity").GetInt32()} {d.GetProperty("code").GetString()} {d.GetProperty("message").GetString()}"));

    private static string? FindOrInstall()
    {
        if (File.Exists("/usr/bin/nvim"))
        {
            return "/usr/bin/nvim";
        }

        if (!OperatingSystem.IsLinux() || !Environment.IsPrivilegedProcess || !File.Exists("/usr/bin/apt-get"))
        {
            _installError = "installing Debian's neovim package needs Linux, root and apt-get";
            return null;
        }

        var env = new Dictionary<string, string> { ["DEBIAN_FRONTEND"] = "noninteractive" };
        string[] lockWait = ["-o", "DPkg::Lock::Timeout=600"];
        foreach (var args in new[] { [.. lockWait, "update"], (string[])[.. lockWait, "install", "-y", "--no-install-recommends", "neovim"] })
        {
            var result = Chromium.Run("apt-get", args, TimeSpan.FromMinutes(15), env);
            if (result.ExitCode != 0)
            {
                _installError = $"apt-get {string.Join(' ', args)} exited {result.ExitCode}: {result.Stderr.Trim()}";
                return null;
            }
        }

        return File.Exists("/usr/bin/nvim") ? "/usr/bin/nvim" : null;
    }

    // Neovim 0.7 (Debian 12) has no vim.lsp.start, so the client is started and attached by hand; 0.8 and later take the
    // same calls. Every step's outcome goes to GRADER_OUT as JSON; any error is recorded there, and Neovim always quits.
    private const string Script = """
        local out = { error = vim.NIL, version = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch) }
        local published = {}
        local function snapshot(buf)
          local items = {}
          for _, d in ipairs(vim.diagnostic.get(buf)) do
            table.insert(items, { lnum = d.lnum, col = d.col, severity = d.severity, code = d.code, source = d.source, message = d.message })
          end
          table.sort(items, function(a, b)
            if a.lnum ~= b.lnum then return a.lnum < b.lnum end
            return (tostring(a.code) .. a.message) < (tostring(b.code) .. b.message)
          end)
          return items
        end
        local ok, err = pcall(function()
          vim.cmd('filetype on')
          local answer = vim.env.GRADER_ANSWER
          local initialized = false
          local launched = vim.loop.hrtime()
          local client_id = vim.lsp.start_client({
            name = 'grader',
            on_init = function() initialized = true end,
            cmd = vim.fn.json_decode(vim.env.GRADER_CMD),
            root_dir = vim.fn.fnamemodify(answer, ':h'),
            handlers = {
              ['textDocument/publishDiagnostics'] = function(e, result, ctx, config)
                table.insert(published, result.version)
                return vim.lsp.diagnostic.on_publish_diagnostics(e, result, ctx, config)
              end,
            },
          })
          assert(vim.wait(120000, function() return initialized end, 10), 'the server did not initialize within 120 s')
          out.init_ms = (vim.loop.hrtime() - launched) / 1e6
          vim.cmd('edit ' .. vim.fn.fnameescape(answer))
          local buf = vim.api.nvim_get_current_buf()
          local started = vim.loop.hrtime()
          vim.lsp.buf_attach_client(buf, client_id)
          assert(vim.wait(120000, function() return #published > 0 end, 10), 'no diagnostics within 120 s')
          out.first_ms = (vim.loop.hrtime() - started) / 1e6
          out.before = snapshot(buf)
          out.before_version = published[#published]

          local client = vim.lsp.get_client_by_id(client_id)
          local title = 0
          for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
            if line:match('^# ') then title = i - 1 break end
          end
          local params = {
            textDocument = { uri = vim.uri_from_bufnr(buf) },
            range = { start = { line = title, character = 0 }, ['end'] = { line = title, character = 0 } },
            context = { diagnostics = {} },
          }
          local response = assert(client.request_sync('textDocument/codeAction', params, 30000, buf), 'no reply to codeAction')
          assert(not response.err, vim.inspect(response.err))
          out.actions = {}
          local chosen
          for _, action in ipairs(response.result) do
            table.insert(out.actions, action.title)
            if action.title:find('Monitoring', 1, true) then chosen = action end
          end
          assert(chosen, 'no action inserts the monitoring step')
          out.applied = chosen.title
          local edited = vim.loop.hrtime()
          vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
          local version = vim.lsp.util.buf_versions[buf]
          assert(vim.wait(120000, function() return published[#published] == version end, 10), 'no diagnostics for the edited buffer')
          out.update_ms = (vim.loop.hrtime() - edited) / 1e6
          out.after = snapshot(buf)
          out.after_version = published[#published]
          out.lines_after = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
          client.stop()
        end)
        if not ok then out.error = tostring(err) end
        local file = io.open(vim.env.GRADER_OUT, 'w')
        file:write(vim.fn.json_encode(out))
        file:close()
        vim.cmd('qa!')
        """;
}
