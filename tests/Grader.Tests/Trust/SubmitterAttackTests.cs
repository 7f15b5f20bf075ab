using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Grader.Tests.Llm;
using Grader.Tests.Support;

namespace Grader.Tests.Trust;

/// <summary>
/// Issue 13, points 1 and 2, attacked as a submitter would: Priya controls everything under answers/priya/ (and may
/// add a file next to everyone's answers); none of it may set her grade, silence an integrity check or reach a secret.
/// </summary>
public sealed class SubmitterAttackTests
{
    private const string Priya = "answers/priya/answer.md";
    private const string Amir = "answers/amir/answer.md";

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    [Fact]
    [Trait("Category", "Slow")]
    public void Her_llm_section_sends_neither_the_key_nor_any_answer_to_her_server()
    {
        using var repo = new StudyGroupRepo();
        using var server = new FakeModelServer((_, _) => (200, FakeModelServer.OpenAiBody(FakeModelServer.GoodFeedback), TimeSpan.Zero, null));
        repo.Write("answers/priya/.grader.yaml", $"llm: {{enabled: true, endpoint: \"{server.OpenAiEndpoint}\", timeoutSeconds: 600}}\n");
        foreach (var ci in new[] { null, "true" })
        {
            var env = new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-study-group-secret", ["CI"] = ci, ["XDG_CACHE_HOME"] = Path.Combine(repo.Root, "cache-" + ci) };
            var (exit, output, error) = repo.RunProcess(env, "check", "answers", "--format", "json");
            Assert.Equal(0, exit);
            Assert.Empty(server.Requests);
            using var json = JsonDocument.Parse(output);
            Assert.Equal(2, json.RootElement.GetProperty("documents").GetArrayLength());
            Assert.All(json.RootElement.GetProperty("documents").EnumerateArray(), d => Assert.Equal(JsonValueKind.Null, d.GetProperty("feedback").ValueKind));
            Assert.Contains(ci is null ? "answers/priya/.grader.yaml(1,1): warning config.trusted-only: 'llm'" : "answers/priya/.grader.yaml(1,1): warning config.discovered-ignored",
                error, StringComparison.Ordinal);
        }

        // The control: the same server named by the maintainer's flag is reached, with the key. So nothing above was luck.
        var flagged = repo.RunProcess(new Dictionary<string, string?> { ["OPENAI_API_KEY"] = "sk-study-group-secret", ["XDG_CACHE_HOME"] = Path.Combine(repo.Root, "cache-flag") },
            "check", Priya, "--format", "json", "--llm", "--llm-endpoint", server.OpenAiEndpoint.ToString());
        Assert.Equal(0, flagged.Exit);
        Assert.Equal("Bearer sk-study-group-secret", Assert.Single(server.Requests).Authorization);
        Assert.DoesNotContain("sk-study-group-secret", flagged.Out + flagged.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Her_rubric_folder_does_not_grade_her_answer_and_the_gate_still_fails()
    {
        using var repo = new StudyGroupRepo();
        var before = repo.Check(Priya, "--fail-under", "50");
        Assert.Equal(1, before.Exit);

        // Two files: a lenient copy of the base steps where "the" earns every step's points, and her problem extending it.
        var steps = TestGrader.ReadRepoFile("rubrics/base.yaml");
        steps = steps[..steps.IndexOf("\ncriteria:", StringComparison.Ordinal)].Replace("id: base", "id: easy", StringComparison.Ordinal);
        var criteria = string.Concat(new[] { "requirements", "framing", "data", "model", "evaluation", "serving", "monitoring" }.Select(s =>
            $"  - id: easy.{s}\n    step: {s}\n    kind: concepts\n    points: 1\n    concepts:\n      - [the, a, we]\n    atLeast: 1\n    message: x\n"));
        repo.Write("answers/priya/r/easy.yaml", steps + "\ncriteria:\n" + criteria);
        repo.Write("answers/priya/r/video-recommendation.yaml", "id: video-recommendation\nextends: easy\ntitle: V\nversion: 1\ncriteria: []\n");
        repo.Write("answers/priya/.grader.yaml", "# mine\nrubrics: [r]\n");

        foreach (var mode in new[] { "--fail-under", "--ci" })
        {
            var after = mode == "--ci" ? repo.Check(Priya, "--fail-under", "50", "--ci") : repo.Check(Priya, "--fail-under", "50");
            Assert.Equal(1, after.Exit);
            Assert.Equal(before.Scores[Priya], after.Scores[Priya]);
            Assert.All(after.Json.GetProperty("provenance").GetProperty("rubrics").EnumerateArray(), r => Assert.True(r.GetProperty("builtIn").GetBoolean()));
        }

        Assert.Contains("answers/priya/.grader.yaml(2,1): warning config.trusted-only: 'rubrics'", repo.Check(Priya).Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Root_true_does_not_drop_the_maintainers_config()
    {
        using var repo = new StudyGroupRepo("failUnder: 50\n");
        repo.Write("base.grader.yaml", "failUnder: 50\n");
        repo.Write("answers/priya/.grader.yaml", "root: true\n");

        var local = repo.Check(Priya);
        Assert.Equal(1, local.Exit);
        Assert.Contains("answers/priya/.grader.yaml(1,1): warning config.trusted-only: 'root'", local.Err, StringComparison.Ordinal);

        // CI grades with the base branch's config: hers is ignored with a notice, or refused outright.
        var ci = repo.Check(Priya, "--ci", "--config", "base.grader.yaml");
        Assert.Equal(1, ci.Exit);
        Assert.Contains("answers/priya/.grader.yaml(1,1): warning config.discovered-ignored", ci.Err, StringComparison.Ordinal);
        var strict = repo.Run("check", Priya, "--ci", "--config", "base.grader.yaml", "--strict-config");
        Assert.Equal(2, strict.Exit);
        Assert.Contains("answers/priya/.grader.yaml(1,1): error config.discovered-refused", strict.Err.Replace(repo.Root + "/", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rules: {MLSD0902: none}\n", "MLSD0902")]
    [InlineData("rules:\n  mlsd0902: info\n", "mlsd0902")]
    [InlineData("# quiet please\ncategories: {integrity: none}\n", "integrity")]
    public void Her_config_cannot_turn_off_an_integrity_finding_and_it_stays_in_SARIF(string config, string key)
    {
        using var repo = new StudyGroupRepo();
        repo.Append(Priya, StudyGroupRepo.Injection);
        repo.Write("answers/priya/.grader.yaml", config);
        var (exit, output, error) = repo.Run("check", Priya, "--format", "sarif");
        Assert.Equal(1, exit);
        using var sarif = JsonDocument.Parse(output);
        var result = Assert.Single(sarif.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray(), r => r.GetProperty("ruleId").GetString() == "MLSD0902");
        Assert.Equal("error", result.GetProperty("level").GetString());
        var line = config.Split('\n').ToList().FindIndex(l => l.Contains(key, StringComparison.Ordinal)) + 1;
        Assert.Contains($"answers/priya/.grader.yaml({line},", error, StringComparison.Ordinal);
        Assert.Contains($"warning config.trusted-only: '{key}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Her_config_cannot_weaken_a_fail_on_given_on_the_command_line()
    {
        using var repo = new StudyGroupRepo();
        Assert.Equal(1, repo.Run("check", Priya, "--fail-on", "warning").Exit);
        repo.Write("answers/priya/.grader.yaml", "categories:\n" + string.Concat(typeof(Grader.Core.Diagnostics.Categories).GetFields().Select(f => $"  {f.GetValue(null)}: none\n")));
        var (exit, _, error) = repo.Run("check", Priya, "--fail-on", "warning");
        Assert.Equal(1, exit);
        Assert.Contains("it would weaken the gate given on the command line", error, StringComparison.Ordinal);

        // A nearer file may raise failUnder, never lower it.
        repo.Write(".grader.yaml", "failUnder: 50\n");
        repo.Write("answers/priya/.grader.yaml", "failUnder: 0\n");
        Assert.Equal(1, repo.Run("check", Priya).Exit);
    }

    [Fact]
    public void Compare_in_ci_mode_ignores_her_config_too()
    {
        using var repo = new StudyGroupRepo();
        var old = repo.Write("answers/priya/old.md", repo.Read(Priya));
        static int Findings(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("findings").GetProperty("unchanged").GetArrayLength();
        var before = repo.Run("compare", old, Priya, "--format", "json", "--ci");
        // MLSD0208 explains no loss in her answer (its monitoring step is missing altogether), so it is hers to hide.
        repo.Write("answers/priya/.grader.yaml", "rules:\n  MLSD0208: none\n");
        var local = repo.Run("compare", old, Priya, "--format", "json");
        var ci = repo.Run("compare", old, Priya, "--format", "json", "--ci");
        Assert.True(Findings(local.Out) < Findings(before.Out), "outside CI her config applies, as a config of her own should");
        Assert.Equal(Findings(before.Out), Findings(ci.Out));
        Assert.Contains("config.discovered-ignored", ci.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_points_and_a_disable_file_comment_leave_her_score_alone()
    {
        using var repo = new StudyGroupRepo();
        var plain = repo.Check(Priya);
        var ids = plain.Json.GetProperty("documents")[0].GetProperty("diagnostics").EnumerateArray()
            .Select(d => d.GetProperty("criterion").GetString() ?? d.GetProperty("id").GetString()!).Distinct().Order(StringComparer.Ordinal);
        repo.Write(Priya, $"<!-- grader-disable-file {string.Join(",", ids)} -- covered orally -->\n" + repo.Read(Priya));
        repo.Write("answers/priya/.grader.yaml", "suppressionsRestorePoints: true\n");

        var ci = repo.Check(Priya, "--ci");
        Assert.Equal(plain.Scores[Priya], ci.Scores[Priya]);
        var local = repo.Check(Priya);
        Assert.Equal(plain.Scores[Priya], local.Scores[Priya]);
        Assert.Contains("warning config.trusted-only: 'suppressionsRestorePoints'", local.Err, StringComparison.Ordinal);

        // Every report lists what the comment silenced.
        var applied = Assert.Single(ci.Json.GetProperty("provenance").GetProperty("suppressions").EnumerateArray());
        Assert.Equal(Priya, applied.GetProperty("path").GetString());
        Assert.Equal(1, applied.GetProperty("line").GetInt32());
        Assert.Equal("covered orally", applied.GetProperty("justification").GetString());
        Assert.True(applied.GetProperty("findings").GetInt32() > 5);
        Assert.Contains("answers/priya/answer.md(1): suppressed ", repo.Run("check", Priya, "--ci").Out, StringComparison.Ordinal);
        Assert.Contains("suppressed by 1 comment(s) in the answers: answers/priya/answer.md line 1", repo.Run("check", Priya, "--ci", "--format", "markdown").Out, StringComparison.Ordinal);

        // The maintainer's own config may restore points, but never in CI mode; --no-inline-suppressions ignores the comment.
        repo.Write("trusted.yaml", "suppressionsRestorePoints: true\n");
        Assert.True(repo.Check(Priya, "--config", "trusted.yaml").Scores[Priya] > plain.Scores[Priya]);
        Assert.Equal(plain.Scores[Priya], repo.Check(Priya, "--config", "trusted.yaml", "--ci").Scores[Priya]);
        var off = repo.Check(Priya, "--no-inline-suppressions");
        Assert.Empty(off.Json.GetProperty("provenance").GetProperty("suppressions").EnumerateArray());
        Assert.DoesNotContain(off.Json.GetProperty("documents")[0].GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("suppressed").GetBoolean());
    }

    [Fact]
    public void A_config_above_all_answers_cannot_silence_integrity_for_everyone()
    {
        using var repo = new StudyGroupRepo();
        repo.Append(Amir, StudyGroupRepo.Injection);
        repo.Write("answers/.grader.yaml", "categories: {integrity: none}\nrules: {MLSD0902: none}\n");
        var (exit, _, json, error) = repo.Check("answers");
        Assert.Equal(1, exit);
        var amir = json.GetProperty("documents").EnumerateArray().Single(d => d.GetProperty("path").GetString() == Amir);
        Assert.Contains(amir.GetProperty("diagnostics").EnumerateArray(), d => d.GetProperty("id").GetString() == "MLSD0902" && d.GetProperty("severity").GetString() == "error");
        Assert.Contains("answers/.grader.yaml(1,", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Feedback_cached_from_one_endpoint_is_not_replayed_for_another_and_no_endpoint_is_echoed_with_credentials()
    {
        using var repo = new StudyGroupRepo();
        static string Feedback(string word) => FakeModelServer.GoodFeedback.Replace("No privacy constraints.", word, StringComparison.Ordinal);
        using var attacker = new FakeModelServer((_, _) => (200, FakeModelServer.OpenAiBody(Feedback("ATTACKER WAS HERE")), TimeSpan.Zero, null));
        using var real = new FakeModelServer((_, _) => (200, FakeModelServer.OpenAiBody(Feedback("Real review.")), TimeSpan.Zero, null));
        var cache = Path.Combine(repo.Root, "cache");
        string[] Args(Uri endpoint) => [Priya, "--llm", "--llm-model", "test-model", "--llm-cache", cache, "--llm-endpoint", endpoint.ToString()];

        var first = repo.Check(Args(attacker.OpenAiEndpoint));
        Assert.Single(attacker.Requests);
        var second = repo.Check(Args(new Uri($"http://grader:hunter2@127.0.0.1:{real.Port}/v1")));
        Assert.Single(real.Requests);
        Assert.Contains("Real review.", second.Json.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("ATTACKER", second.Json.GetRawText(), StringComparison.Ordinal);
        Assert.Equal($"http://127.0.0.1:{real.Port}/v1", second.Json.GetProperty("provenance").GetProperty("llm").GetProperty("endpoint").GetString());
        Assert.DoesNotContain("hunter2", second.Json.GetRawText() + second.Err, StringComparison.Ordinal);
        Assert.Equal(0, first.Exit);
    }

    [Fact]
    public void Every_report_records_the_configs_and_rubrics_that_graded_it_with_their_hashes()
    {
        using var repo = new StudyGroupRepo();
        var trusted = "failUnder: 0\nproblems:\n  - files: \"answers/**/*.md\"\n    problem: video-recommendation\n";
        repo.Write("base.grader.yaml", trusted);
        var hers = repo.Write("answers/priya/.grader.yaml", "failUnder: 0\n");
        repo.Write("answers/zoe/answer.md", "## Requirements\n\nWe serve 20M daily users with a 200 ms p99 budget.\n");
        var (exit, _, json, _) = repo.Check("answers", "--ci", "--config", "base.grader.yaml");
        Assert.Equal(0, exit);
        var provenance = json.GetProperty("provenance");
        Assert.Equal("ci", provenance.GetProperty("mode").GetString());
        var configs = provenance.GetProperty("configs").EnumerateArray().Select(c => (c.GetProperty("path").GetString(), c.GetProperty("sha256").GetString(), c.GetProperty("role").GetString(), c.GetProperty("used").GetBoolean())).ToList();
        Assert.Equal([("base.grader.yaml", Hash(trusted), "explicit", true), ("answers/priya/.grader.yaml", Hash(File.ReadAllText(hers)), "discovered", false)], configs);
        var rubrics = provenance.GetProperty("rubrics").EnumerateArray().ToDictionary(r => r.GetProperty("path").GetString()!, r => r.GetProperty("sha256").GetString());
        Assert.Equal(["rubrics/base.yaml", "rubrics/video-recommendation.yaml"], rubrics.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Hash(TestGrader.ReadRepoFile("rubrics/video-recommendation.yaml")), rubrics["rubrics/video-recommendation.yaml"]);

        // The explicit file's globs are read from the working directory, so a copy saved anywhere still matches.
        var zoe = json.GetProperty("documents").EnumerateArray().Single(d => d.GetProperty("path").GetString() == "answers/zoe/answer.md");
        Assert.Equal(("video-recommendation", "config"), (zoe.GetProperty("problem").GetProperty("id").GetString(), zoe.GetProperty("problem").GetProperty("source").GetString()));

        var (_, sarifText, _) = repo.Run("check", "answers", "--ci", "--config", "base.grader.yaml", "--format", "sarif");
        using var sarif = JsonDocument.Parse(sarifText);
        var properties = sarif.RootElement.GetProperty("runs")[0].GetProperty("properties");
        Assert.Equal(JsonSerializer.Serialize(provenance), JsonSerializer.Serialize(properties.GetProperty("provenance")));
        Assert.Equal("front-matter", properties.GetProperty("scores")[0].GetProperty("problemSource").GetString());

        var console = repo.Run("check", "answers", "--ci", "--config", "base.grader.yaml").Out;
        Assert.Contains($"config: base.grader.yaml sha256 {Hash(trusted)[..12]} (explicit, used)", console, StringComparison.Ordinal);
        Assert.Contains("config: answers/priya/.grader.yaml sha256 ", console, StringComparison.Ordinal);
        Assert.Contains($"Graded in CI mode with `base.grader.yaml` (sha256 {Hash(trusted)[..12]}) and 2 rubric file(s); 1 config file(s) ignored.",
            repo.Run("check", "answers", "--ci", "--config", "base.grader.yaml", "--format", "markdown").Out, StringComparison.Ordinal);

        // The HTML report and the github log say it too.
        var line = $"Graded in CI mode with base.grader.yaml (sha256 {Hash(trusted)[..12]}); 2 rubric file(s); 1 config file(s) ignored.";
        Assert.Contains(line, repo.Run("check", "answers", "--ci", "--config", "base.grader.yaml", "--format", "github").Out, StringComparison.Ordinal);
        Assert.Contains($"<li>{line}</li>", repo.Run("check", "answers", "--ci", "--config", "base.grader.yaml", "--format", "html").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Her_config_as_a_symlink_to_an_endless_device_is_refused_quickly()
    {
        using var repo = new StudyGroupRepo();
        File.CreateSymbolicLink(Path.Combine(repo.Root, "answers/priya/.grader.yaml"), "/dev/zero");
        var timer = System.Diagnostics.Stopwatch.StartNew();
        var (exit, _, error) = repo.Run("check", "answers");
        Assert.Equal(2, exit);
        Assert.Contains(".grader.yaml(1,1): error config.unreadable: is larger than 1024 KB", error, StringComparison.Ordinal);
        var ci = repo.Check("answers", "--ci");
        Assert.Equal(0, ci.Exit);
        Assert.Equal(2, ci.Scores.Count);
        Assert.True(timer.Elapsed < TimeSpan.FromSeconds(20), timer.Elapsed.ToString());
    }
}
