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
        var text = TestGrader.ReadRepoFile("examples/video-recommendation/strong.md").Replace("problem: video-recommendation", "", StringComparison.Ordinal);
        var graded = TestGrader.Engine.Grade("x.md", text);
        Assert.Equal("detected", graded.Problem.Source);
        Assert.Equal("video-recommendation", graded.Problem.Id);
        Assert.InRange(graded.Problem.Confidence!.Value, 0.5, 1);
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
