using Grader.Tests.Support;

namespace Grader.Tests.Batch;

/// <summary>
/// Every problem in a .grader.yaml is an error or a warning at the line and column of the YAML node it is about, and
/// ids the config names must exist in the rubrics in force for it.
/// </summary>
public class ConfigLocationTests
{
    private const string Answer = "## Requirements\n\nThe system must be fast and serve many people around the world, we think.\n";

    private static (int Exit, string Err) Check(string config)
    {
        using var tree = new TempFolder();
        tree.Write(".grader.yaml", config);
        var answer = tree.Write("a.md", Answer);
        var (exit, _, error) = TestGrader.RunCliIn(tree.Root, "check", answer);
        return (exit, error.Replace(tree.Root + Path.DirectorySeparatorChar, "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("problems:\n  - files: \"*.md\"\n    problem: nope\n", ".grader.yaml(3,14): error config.problem-unknown: problem 'nope' is not a known problem id")]
    [InlineData("problems: [{files: \"*.md\", problem: nope}]\n", ".grader.yaml(1,37): error config.problem-unknown: problem 'nope'")]
    [InlineData("problems:\n  - files: \"*.md\"\n    problem: news-fed\n", ".grader.yaml(3,14): error config.problem-unknown: problem 'news-fed' is not a known problem id; did you mean 'news-feed'?")]
    [InlineData("problems:\n  - files: \"*.md\"\n    problem: base\n", ".grader.yaml(3,14): error config.problem-unknown: problem 'base'")]
    [InlineData("failUnder: 50\nrules:\n  news-feed.nope: none\n", ".grader.yaml(3,3): error config.rule-unknown: 'news-feed.nope' is neither a rule id")]
    [InlineData("rules: {news-feed.nope: none}\n", ".grader.yaml(1,9): error config.rule-unknown: 'news-feed.nope'")]
    [InlineData("rules:\n  news-feed.reaction: info\n", ".grader.yaml(2,3): error config.rule-unknown: 'news-feed.reaction' is neither a rule id (MLSD0201) nor a criterion id of the rubrics in use; did you mean 'news-feed.reactions'?")]
    [InlineData("rules:\n  MLSD9999: error\n", ".grader.yaml(2,3): error config.rule-unknown: 'MLSD9999'")]
    public void An_unknown_problem_or_rule_id_is_an_error_at_its_node(string config, string expected)
    {
        var (exit, error) = Check(config);
        Assert.Equal(2, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("failUnder: 50\nrules:\n  MLSD0201: loud\n", ".grader.yaml(3,13): error config.severity:")]
    [InlineData("categories:\n  structure: warning\n  model: quiet\n", ".grader.yaml(3,10): error config.severity:")]
    [InlineData("rules: {MLSD0201: info}\nfailUnder: 150\n", ".grader.yaml(2,12): error config.fail-under:")]
    [InlineData("rules: {MLSD0201: info}\ncategories:\n  modle: info\n", ".grader.yaml(3,3): error config.category-unknown: Unknown category 'modle'; did you mean 'model'?")]
    [InlineData("failUnder: 10\nproblems:\n  - files: \"*.md\"\n  - problem: news-feed\n", ".grader.yaml(3,5): error config.problem-glob:")]
    public void Every_validation_error_stands_at_its_node(string config, string expected)
    {
        var (exit, error) = Check(config);
        Assert.Equal(2, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void All_errors_in_a_config_are_reported_at_once()
    {
        var (exit, error) = Check("problems: [{files: \"*.md\", problem: nope}]\nrules: {news-feed.nope: none, MLSD0201: loud}\n");
        Assert.Equal(2, exit);
        Assert.Contains(".grader.yaml(1,37): error config.problem-unknown", error, StringComparison.Ordinal);
        Assert.Contains(".grader.yaml(2,9): error config.rule-unknown", error, StringComparison.Ordinal);
        Assert.Contains(".grader.yaml(2,41): error config.severity", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Llm_settings_are_located_in_the_trusted_file_and_ignored_keys_in_a_discovered_one()
    {
        using var tree = new TempFolder();
        var answer = tree.Write("a.md", Answer);
        tree.Write("trusted.yaml", "llm:\n  enabled: true\n  provider: acme\n  endpoint: ftp://example.org\n");
        var (exit, _, error) = TestGrader.RunCliIn(tree.Root, "check", answer, "--config", "trusted.yaml");
        Assert.Equal(2, exit);
        Assert.Contains("trusted.yaml(3,13): error config.llm-provider", error, StringComparison.Ordinal);
        Assert.Contains("trusted.yaml(4,13): error config.llm-endpoint", error, StringComparison.Ordinal);

        // A key named in a comment first is still found where it is set.
        tree.Write(".grader.yaml", "# llm: and rubrics: come from the maintainer\nfailUnder: 10\nllm: {enabled: true}\nrubrics: [x]\n");
        var (_, _, notices) = TestGrader.RunCliIn(tree.Root, "check", answer);
        Assert.Contains(".grader.yaml(3,1): warning config.trusted-only: 'llm'", notices, StringComparison.Ordinal);
        Assert.Contains(".grader.yaml(4,1): warning config.trusted-only: 'rubrics'", notices, StringComparison.Ordinal);
    }

    [Fact]
    public void Criteria_of_the_configs_own_rubrics_are_known_ids()
    {
        using var tree = new TempFolder();
        tree.Write("group/capacity-planning.yaml", """
            id: capacity-planning
            extends: base
            title: Capacity planning for GPU clusters
            criteria:
              - id: capacity-planning.gpus
                step: serving
                kind: concepts
                points: 3
                concepts:
                  - [gpu hours, gpu-hours]
                message: Say how many GPU hours the plan needs.
            """);
        // A serving section that leaves the criterion unmet, so its finding is raised at the severity the config sets.
        var answer = tree.Write("a.md", Answer + "\n## Serving\n\nThe model runs behind an internal API on a few servers and answers each request within 200 ms.\n");
        tree.Write("grader.yaml", "rubrics: [group]\nproblems: [{files: \"*.md\", problem: capacity-planning}]\nrules: {capacity-planning.gpus: error}\n");
        Assert.Equal(1, TestGrader.RunCliIn(tree.Root, "check", answer, "--config", "grader.yaml").Exit);

        // Without the group's rubrics the same ids are unknown.
        tree.Write("other.yaml", "problems: [{files: \"*.md\", problem: capacity-planning}]\nrules: {capacity-planning.gpus: error}\n");
        var (exit, _, error) = TestGrader.RunCliIn(tree.Root, "check", answer, "--config", "other.yaml");
        Assert.Equal(2, exit);
        Assert.Contains("other.yaml(1,37): error config.problem-unknown", error, StringComparison.Ordinal);
        Assert.Contains("other.yaml(2,9): error config.rule-unknown", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rubrics_entry_holding_the_config_is_read_without_it_and_says_so()
    {
        using var tree = new TempFolder();
        var answer = tree.Write("a.md", Answer);
        tree.Write(".grader.yaml", "rules: {MLSD0201: info}\n");
        tree.Write("grader.yaml", "failUnder: 0\nrubrics: [., nowhere]\n");
        var (exit, _, error) = TestGrader.RunCliIn(tree.Root, "check", answer, "--config", "grader.yaml");
        Assert.Equal(2, exit);
        Assert.Contains("grader.yaml(2,14): error config.rubrics-missing: rubric folder 'nowhere' does not exist", error, StringComparison.Ordinal);

        tree.Write("grader.yaml", "failUnder: 0\nrubrics: [.]\n");
        (exit, _, error) = TestGrader.RunCliIn(tree.Root, "check", answer, "--config", "grader.yaml");
        Assert.Equal(0, exit);
        Assert.DoesNotContain("rubric.", error, StringComparison.Ordinal);
        Assert.Contains("grader.yaml(2,11): warning config.rubrics-config-skipped: ", error, StringComparison.Ordinal);
        Assert.Contains(".grader.yaml, grader.yaml", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rubrics: [grader.yaml]\n", "grader.yaml(1,11): error config.rubrics-not-folder: 'grader.yaml' is this config file")]
    [InlineData("rubrics:\n  - notes.md\n", "grader.yaml(2,5): error config.rubrics-not-folder: 'notes.md' is a file")]
    public void A_rubrics_entry_naming_a_file_is_an_error_at_the_entry(string config, string expected)
    {
        using var tree = new TempFolder();
        var answer = tree.Write("a.md", Answer);
        tree.Write("notes.md", "# notes\n");
        tree.Write("grader.yaml", config);
        var (exit, _, error) = TestGrader.RunCliIn(tree.Root, "check", answer, "--config", "grader.yaml");
        Assert.Equal(2, exit);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_problem_flag_suggests_the_closest_id()
    {
        var (exit, _, error) = TestGrader.RunCli("check", "examples/video-recommendation/weak.md", "--problem", "news-fed");
        Assert.Equal(2, exit);
        Assert.Contains("unknown problem 'news-fed'; did you mean 'news-feed'?", error, StringComparison.Ordinal);
    }
}
