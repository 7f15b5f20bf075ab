using Grader.Tests.Support;

namespace Grader.Tests.Cli;

public class RubricCommandsTests
{
    [Fact]
    public void Rubrics_list_names_every_problem()
    {
        var (exit, output, _) = TestGrader.RunCli("rubrics", "list");
        Assert.Equal(0, exit);
        foreach (var problem in TestGrader.Engine.Catalog.Problems)
        {
            Assert.Contains(problem.Id, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Rubrics_show_gives_weights_and_criteria()
    {
        var (exit, output, _) = TestGrader.RunCli("rubrics", "show", "video-recommendation");
        Assert.Equal(0, exit);
        Assert.Contains("monitoring — Monitoring and maintenance: 10.0 points", output, StringComparison.Ordinal);
        Assert.Contains("video-recommendation.ann", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Rubrics_validate_passes_the_bundled_rubrics_and_fails_a_broken_one()
    {
        Assert.Equal(0, TestGrader.RunCli("rubrics", "validate").Exit);
        var broken = Path.Combine(TestGrader.RepoRoot, "tests", "Grader.Tests", "Rubrics", "Broken", "unknown-kind.yaml");
        var (exit, _, error) = TestGrader.RunCli("rubrics", "validate", broken);
        Assert.Equal(1, exit);
        Assert.Contains("unknown-kind.yaml(6,5): error criterion.kind-unknown", error.Replace('\\', '/'), StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_prints_a_rules_documentation_and_a_criterions_definition()
    {
        var (exit, output, _) = TestGrader.RunCli("explain", "MLSD0204");
        Assert.Equal(0, exit);
        Assert.StartsWith("# MLSD0204: No trade-off reasoning", output, StringComparison.Ordinal);
        (exit, output, _) = TestGrader.RunCli("explain", "video-recommendation.ann");
        Assert.Equal(0, exit);
        Assert.Contains("approximate nearest neighbor", output, StringComparison.Ordinal);
        Assert.Equal(2, TestGrader.RunCli("explain", "MLSD9999").Exit);
    }

    [Fact]
    public void Init_writes_a_skeleton_that_maps_onto_all_seven_steps()
    {
        var (exit, output, _) = TestGrader.RunCli("init", "fraud-detection");
        Assert.Equal(0, exit);
        Assert.StartsWith("---\nproblem: fraud-detection\n", output, StringComparison.Ordinal);
        var graded = TestGrader.Engine.Grade("skeleton.md", output);
        Assert.Equal("front-matter", graded.Problem.Source);
        Assert.All(graded.Map.Steps, s => Assert.NotNull(s.HeadingSection));
        Assert.Equal(0, graded.Score.Total);
    }
}
