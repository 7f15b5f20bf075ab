using Grader.Core.Mapping;
using Grader.Tests.Support;

namespace Grader.Tests.Mapping;

public class StepMapperTests
{
    private static StepMapper Mapper => TestGrader.Engine.Mapper("video-recommendation");

    [Theory]
    [InlineData("Clarification", StepSet.Requirements)]
    [InlineData("0. Clarification", StepSet.Requirements)]
    [InlineData("Problem scoping", StepSet.Requirements)]
    [InlineData("Step 2: Frame the problem as an ML task", StepSet.Framing)]
    [InlineData("Metrics", StepSet.Evaluation)]
    [InlineData("Shipping it", StepSet.Serving)]
    [InlineData("Keeping it healthy", StepSet.Monitoring)]
    [InlineData("OPERATIONS", StepSet.Monitoring)]
    [InlineData("Feature engineering", StepSet.Data)]
    [InlineData("6. Model Development and Offline Evaluation", StepSet.Model | StepSet.Evaluation)]
    [InlineData("9. Scaling, Monitoring, and Updates", StepSet.Serving | StepSet.Monitoring)]
    [InlineData("Model architecture", StepSet.Model)]
    [InlineData("Training data", StepSet.Data)]
    [InlineData("모델 개발", StepSet.Model)]
    [InlineData("Overview", StepSet.None)]
    [InlineData("Staged thoughts", StepSet.None)]
    public void Maps_heading_wording_to_steps(string title, StepSet expected) =>
        Assert.Equal(expected, Mapper.StepsOfTitle(title));

    [Fact]
    public void Sub_sections_inherit_their_parents_step_unless_they_name_their_own()
    {
        var graded = TestGrader.Grade("# Design\n\n## Model\n\n### Details\n\nWe train a ranker on logs.\n\n### Offline metrics\n\nWe track recall at ten.\n");
        var units = graded.Document.Units;
        Assert.Equal(StepSet.Model, graded.Map.UnitSteps[units.Single(u => u.Text.StartsWith("We train", StringComparison.Ordinal)).Index]);
        Assert.Equal(StepSet.Evaluation, graded.Map.UnitSteps[units.Single(u => u.Text.StartsWith("We track", StringComparison.Ordinal)).Index]);
    }

    [Fact]
    public void The_document_title_claims_no_step()
    {
        var graded = TestGrader.Grade("# Video recommendation system design\n\n## Requirements\n\nWe serve users.\n\n## Notes\n\nSome words here.\n");
        Assert.Null(graded.Map[FrameworkStep.Serving].HeadingSection);
    }

    [Fact]
    public void Text_without_informative_headings_is_mapped_by_content()
    {
        var graded = TestGrader.Grade("""
            # My answer

            We will monitor data drift and concept drift, alert on-call when the dashboard shows the model degrade, and retrain weekly.

            The offline metrics are recall and nDCG, and the online metric is watch time measured in an A/B test.
            """);
        Assert.True(graded.Map[FrameworkStep.Monitoring].IsPresent);
        Assert.True(graded.Map[FrameworkStep.Evaluation].IsPresent);
        Assert.Null(graded.Map[FrameworkStep.Monitoring].HeadingSection);
        Assert.False(graded.Map[FrameworkStep.Data].IsPresent);
    }

    [Fact]
    public void Ignored_headings_are_not_graded()
    {
        var graded = TestGrader.Grade("# A\n\n## References\n\nWe monitor drift and retrain the model weekly with alerts on the dashboard.\n");
        Assert.False(graded.Map[FrameworkStep.Monitoring].IsPresent);
    }
}
