using System.Text.Json;
using Grader.Tests.Support;

namespace Grader.Tests.Cli;

/// <summary>
/// A group's own rubrics are first-class: <c>rubrics list/show</c>, <c>explain</c> and <c>init</c> see them through
/// <c>--rubrics DIR</c> or the <c>rubrics:</c> of the file given to <c>--config</c>, under check's trust rules (a
/// discovered .grader.yaml may not name rubric folders, and says so).
/// </summary>
public sealed class CustomRubricCommandsTests : IDisposable
{
    // The shape of a rubric in rubrics/: extends base, adds criteria of several kinds; one gives guidance, one does not.
    private const string Rubric = """
        # yaml-language-server: $schema=rubric.schema.json
        id: chat-moderation
        extends: base
        version: 1
        title: Live chat moderation
        prompt: Design the moderation of the chat beside a live stream.
        steps:
          data: { weight: 20 }
          model: { weight: 15 }
        criteria:
          - id: chat-moderation.scale
            step: requirements
            kind: quantities
            points: 2
            quantities: [users, throughput]
            message: Chat volume is not given.
            guidance: "State the chat volume: concurrent viewers and messages per second."

          - id: chat-moderation.signals
            step: data
            kind: concepts
            points: 3
            atLeast: 2
            concepts:
              - [message rate, messages per second]
              - [user reports, reported messages]
              - [account age, new accounts]
            message: Few chat signals are described.
            help: Fast, repeated messages from new accounts are the classic raid pattern.
        """;

    private readonly TempFolder _tree = new();

    public CustomRubricCommandsTests()
    {
        // A repository root of its own, so config discovery stops here.
        _tree.Write(".git/HEAD", "ref: refs/heads/main\n");
        _tree.Write("group-rubrics/chat-moderation.yaml", Rubric);
        _tree.Write(".grader.yaml", "rubrics: [group-rubrics]\n");
    }

    public void Dispose() => _tree.Dispose();

    private (int Exit, string Out, string Err) Run(params string[] args) => TestGrader.RunCliIn(_tree.Root, args);

    [Theory]
    [InlineData("--rubrics", "group-rubrics")]
    [InlineData("--config", ".grader.yaml")]
    [InlineData("--ci", "--config=.grader.yaml")]
    public void Rubrics_show_list_and_explain_see_a_custom_rubric(string option, string value)
    {
        var (exit, output, error) = Run("rubrics", "show", "chat-moderation", option, value);
        Assert.True(exit == 0, error);
        Assert.StartsWith("chat-moderation (version 1): Live chat moderation", output, StringComparison.Ordinal);
        Assert.Contains("data — Data preparation: 20.0 points", output, StringComparison.Ordinal);
        Assert.Contains("chat-moderation.signals", output, StringComparison.Ordinal);

        Assert.Contains("chat-moderation ", Run("rubrics", "list", option, value).Out, StringComparison.Ordinal);

        (exit, output, error) = Run("explain", "chat-moderation.signals", option, value);
        Assert.True(exit == 0, error);
        Assert.Equal(
            """
            chat-moderation.signals (chat-moderation, step data, 3 points)
            Few chat signals are described.
            Fast, repeated messages from new accounts are the classic raid pattern.
            Guidance: Cover at least 2 of: message rate, user reports and account age.
            Needs at least 2 of:
              - message rate / messages per second
              - user reports / reported messages
              - account age / new accounts

            """.ReplaceLineEndings("\n"),
            output);
    }

    [Fact]
    public void A_discovered_config_cannot_add_rubrics_and_says_why()
    {
        var (exit, _, error) = Run("rubrics", "show", "chat-moderation");
        Assert.Equal(2, exit);
        Assert.Contains(".grader.yaml(1,1): warning config.trusted-only: 'rubrics' is ignored in a discovered config", error, StringComparison.Ordinal);
        Assert.Contains("unknown rubric 'chat-moderation'", error, StringComparison.Ordinal);

        (exit, _, error) = Run("explain", "chat-moderation.signals");
        Assert.Equal(2, exit);
        Assert.Contains("--rubrics DIR or --config FILE", error, StringComparison.Ordinal);

        // CI mode ignores the discovered file outright; the built-in rubrics are still there.
        (exit, var output, error) = Run("explain", "news-feed.reactions", "--ci");
        Assert.Equal(0, exit);
        Assert.StartsWith("news-feed.reactions (news-feed, step data", output, StringComparison.Ordinal);
        Assert.Contains("config.discovered-ignored", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_rubric_folder_or_a_broken_custom_rubric_is_a_located_error()
    {
        var (exit, _, error) = Run("rubrics", "show", "chat-moderation", "--rubrics", "no-such-folder");
        Assert.Equal(2, exit);
        Assert.Contains("--rubrics: error config.rubrics-missing: rubric folder 'no-such-folder' does not exist", error, StringComparison.Ordinal);

        _tree.Write("broken/bad.yaml", "id: bad\ntitle: Bad\nextends: base\ncriteria:\n  - id: bad.a\n    step: model\n    kind: concepts\n    points: 1\n    concepts: [[x]]\n    message: No x.\n    guidance: No x.\n");
        (exit, _, error) = Run("init", "bad", "--rubrics", "broken");
        Assert.Equal(2, exit);
        Assert.Contains("bad.yaml(5,5): error criterion.guidance-is-message", error.Replace('\\', '/'), StringComparison.Ordinal);
    }

    [Fact]
    public void Init_writes_a_custom_rubrics_skeleton_that_grades_against_it()
    {
        var (exit, output, error) = Run("init", "chat-moderation", "--config", ".grader.yaml");
        Assert.True(exit == 0, error);
        Assert.StartsWith("---\nproblem: chat-moderation\n", output, StringComparison.Ordinal);
        Assert.Contains("<!-- Question: Design the moderation of the chat beside a live stream. -->", output, StringComparison.Ordinal);
        Assert.Contains("  - State the chat volume: concurrent viewers and messages per second.\n", output, StringComparison.Ordinal);
        Assert.Contains("  - Cover at least 2 of: message rate, user reports and account age.\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Few chat signals", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Chat volume is not given", output, StringComparison.Ordinal);

        _tree.Write("answer.md", output);
        var (_, report, checkError) = Run("check", "answer.md", "--config", ".grader.yaml", "--format", "json");
        var document = JsonDocument.Parse(report).RootElement.GetProperty("documents")[0];
        Assert.True(document.GetProperty("problem").GetProperty("id").GetString() == "chat-moderation", checkError);
        Assert.Equal(0, document.GetProperty("score").GetProperty("total").GetDouble());
    }
}
