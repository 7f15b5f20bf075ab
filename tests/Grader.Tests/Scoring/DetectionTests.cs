using Grader.Core.Diagnostics;
using Grader.Tests.Support;

namespace Grader.Tests.Scoring;

public class DetectionTests
{
    private const string UrlShortener = """
        # Design a URL shortener

        ## Requirements

        Users paste a long URL and get a short one; we expect 100M new URLs per month and 10k QPS of reads.

        ## Design

        An API server writes the mapping to a key-value database and a cache serves hot keys. We shard the
        database by the hash of the short code and put a load balancer in front of stateless web servers.
        Reads go to the cache first, then a read replica; writes go to the primary.
        """;

    [Fact]
    public void A_general_software_design_is_not_an_ml_design_and_scores_low_on_every_rubric()
    {
        foreach (var problem in TestGrader.Engine.Catalog.Problems)
        {
            var graded = TestGrader.Engine.Grade("url.md", UrlShortener, problem.Id);
            Assert.Null(graded.Problem.Detected);
            Assert.Contains(graded.Diagnostics, d => d.Id == DiagnosticIds.NotAnMlDesign);
            Assert.True(graded.Score.Total <= 15, $"{problem.Id}: {graded.Score.Total}");
        }
    }

    [Fact]
    public void Without_a_declared_problem_the_detected_rubric_is_used()
    {
        var text = TestGrader.ReadRepoFile("examples/video-recommendation/strong.md").Replace("problem: video-recommendation", "", StringComparison.Ordinal)
            .Replace("# Homepage video recommendations", "# Homepage suggestions", StringComparison.Ordinal);
        var graded = TestGrader.Engine.Grade("x.md", text);
        Assert.Equal("detected", graded.Problem.Source);
        Assert.Equal("video-recommendation", graded.Problem.Id);
        Assert.InRange(graded.Problem.Confidence!.Value, 0.5, 1);
        Assert.DoesNotContain(graded.Diagnostics, d => d.Id == DiagnosticIds.ProblemUncertain);
    }

    private const string Vague = """
        # TITLE

        ## Requirements

        We want people to find things they like, with 10M daily users and answers within 200 ms.

        ## Model

        We train a two-tower model on past interactions, using clicks as labels, because it scales to many items.

        ## Evaluation

        We compare recall at 20 offline and run an A/B test on engagement before launch.
        """;

    [Theory]
    [InlineData("Event Recommendation", "event-recommendation")]
    [InlineData("Design: People You May Know", "people-you-may-know")]
    [InlineData("Similar listings for a rental site", "similar-listings")]
    public void A_title_that_names_a_problem_chooses_its_rubric_over_vague_content(string title, string problem)
    {
        var graded = TestGrader.Engine.Grade("x.md", Vague.Replace("TITLE", title, StringComparison.Ordinal));
        Assert.Equal(problem, graded.Problem.Id);
        Assert.Equal("title", graded.Problem.Source);
    }

    [Fact]
    public void Vague_content_without_a_named_problem_is_graded_with_a_warning_that_says_which_rubric_was_used()
    {
        // Videos and events alike: two problems read about equally likely.
        const string Mixed = """
            # My answer

            ## Requirements

            We recommend videos and local events to people, with 10M daily users and answers within 200 ms. Users watch
            videos and register for events near them.

            ## Model

            We train a two-tower model on past watches and registrations, using watch time and RSVPs as labels, because
            it scales to many items. New events have no history, so we use their location and category.

            ## Evaluation

            We compare recall at 20 offline and run an A/B test on engagement before launch.
            """;
        var graded = TestGrader.Engine.Grade("x.md", Mixed);
        Assert.Equal("detected", graded.Problem.Source);
        Assert.True(graded.Problem.Confidence < Grader.Core.GradingEngine.LowConfidence, $"confidence {graded.Problem.Confidence}");
        var warning = Assert.Single(graded.Diagnostics, d => d.Id == DiagnosticIds.ProblemUncertain);
        Assert.Contains($"'{graded.Problem.Id}'", warning.Message, StringComparison.Ordinal);
        Assert.Equal(1, warning.Span.Line);
    }

    [Fact]
    public void An_answer_to_another_problem_is_flagged_and_scores_low()
    {
        foreach (var problem in TestGrader.Engine.Catalog.Problems.Select(p => p.Id))
        {
            var other = TestGrader.Engine.Catalog.Problems.Select(p => p.Id).First(p => p != problem && !Related(p, problem));
            var graded = TestGrader.Engine.Grade("x.md", TestGrader.ReadRepoFile($"examples/{other}/strong.md"), problem);
            Assert.Contains(graded.Diagnostics, d => d.Id == DiagnosticIds.ProblemMismatch);
            Assert.True(graded.Score.Total <= 30, $"{other} graded as {problem}: {graded.Score.Total}");
        }
    }

    // Recommendation problems share much of their substance; a mismatch among them is a softer case.
    private static bool Related(string a, string b)
    {
        string[] recommenders = ["video-recommendation", "event-recommendation", "news-feed", "similar-listings", "people-you-may-know"];
        return recommenders.Contains(a) && recommenders.Contains(b);
    }
}
