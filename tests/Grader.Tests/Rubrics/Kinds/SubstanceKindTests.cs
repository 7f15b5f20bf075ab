namespace Grader.Tests.Rubrics.Kinds;

public class SubstanceKindTests
{
    private const string Criterion = """
        - id: kinds.substance
          step: model
          kind: substance
          points: 3
          minWords: 40
          minSentences: 4
          message: Say more about the model.
        """;

    // Ten words each, and each decides something (a reason or a figure), so none is discounted as filler.
    private const string Sentence1 = "We train the ranker daily because user tastes shift quickly.";
    private const string Sentence2 = "The ranker uses 200 features drawn from the last week.";
    private const string Sentence3 = "We keep the network small so that serving stays cheap.";
    private const string Sentence4 = "Labels come from clicks rather than explicit ratings on items.";

    [Fact]
    public void Enough_words_in_enough_sentences_earn_every_point()
    {
        var (result, finding) = KindHarness.Evaluate(Criterion, $"""
            ## Model

            {Sentence1} {Sentence2} {Sentence3} {Sentence4}
            """, "kinds.substance");
        Assert.Equal(1, result.Fraction);
        Assert.Equal(100, result.Score);
        Assert.Null(finding);
    }

    [Fact]
    public void Half_the_words_in_half_the_sentences_earn_half()
    {
        var (result, _) = KindHarness.Evaluate(Criterion, $"""
            ## Model

            {Sentence1} {Sentence2}
            """, "kinds.substance");
        Assert.Equal(0.5, result.Fraction);
        Assert.Equal(50, result.Score);
        Assert.StartsWith("20 words in 2 sentences", result.Missing, StringComparison.Ordinal);
    }

    [Fact]
    public void A_repeated_sentence_counts_once()
    {
        var (result, _) = KindHarness.Evaluate(Criterion, $"""
            ## Model

            {Sentence1} {Sentence1} {Sentence1} {Sentence1}
            """, "kinds.substance");
        Assert.Equal(0.25, result.Fraction);
        Assert.Equal(25, result.Score);
    }

    [Fact]
    public void An_empty_step_earns_nothing()
    {
        var (result, _) = KindHarness.Evaluate(Criterion, """
            ## Model

            ## Serving

            We train the ranker daily because user tastes shift quickly.
            """, "kinds.substance");
        Assert.Equal(0, result.Fraction);
        Assert.Equal(0, result.Score);
    }
}
