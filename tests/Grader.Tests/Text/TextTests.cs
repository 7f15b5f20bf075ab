using Grader.Core.Text;

namespace Grader.Tests.Text;

public class TextTests
{
    [Theory]
    [InlineData("We serve 10M DAU.", QuantityKind.Users)]
    [InlineData("Peak load is 50k QPS.", QuantityKind.Throughput)]
    [InlineData("The p99 budget is 200ms.", QuantityKind.Latency)]
    [InlineData("The p99 budget is 200 ms end to end.", QuantityKind.Latency)]
    [InlineData("The catalogue holds 800 million videos.", QuantityKind.Items)]
    [InlineData("Users upload 500k videos per day.", QuantityKind.Throughput)]
    [InlineData("Embeddings take 2 TB.", QuantityKind.Storage)]
    [InlineData("Fraud is under 0.5% of payments.", QuantityKind.Percent)]
    [InlineData("The first check must answer within 0.5 s.", QuantityKind.Latency)]
    [InlineData("A page of results comes back in under 2 seconds.", QuantityKind.Latency)]
    [InlineData("A satisfied open is at least 30 seconds of watching.", QuantityKind.Duration)]
    [InlineData("The cars capture 20M panoramas a month.", QuantityKind.Throughput)]
    [InlineData("The first check should finish within half a second of posting.", QuantityKind.Latency)]
    [InlineData("That is about 60 per second on average.", QuantityKind.Throughput)]
    public void Recognises_numbers_with_units(string text, QuantityKind kind) =>
        Assert.Contains(Quantities.Find(text), q => q.Kind == kind);

    [Theory]
    [InlineData("The system must handle a huge number of users quickly.")]
    [InlineData("Step 3 of the plan covers the data.")]
    public void Ignores_adjectives_and_bare_numbers(string text) => Assert.Empty(Quantities.Find(text));

    [Theory]
    [InlineData("labels", "labelled", "labeling")]
    [InlineData("embeddings", "embedding", "embedded")]
    [InlineData("biases", "bias", "bias")]
    [InlineData("retraining", "retrained", "retrains")]
    public void Stems_inflections_together(string a, string b, string c)
    {
        Assert.Equal(Stemmer.Stem(a), Stemmer.Stem(b));
        Assert.Equal(Stemmer.Stem(a), Stemmer.Stem(c));
    }

    [Fact]
    public void Phrase_matcher_matches_whole_tokens_after_stemming()
    {
        var matcher = new PhraseMatcher<string>([("a/b test", "ab"), ("cold start", "cs"), ("map", "map")]);
        Assert.Equal(["ab"], matcher.Matches(Stemmer.Tokens("We ran A/B testing for a week")).Select(m => m.Key));
        Assert.Equal(["cs"], matcher.Matches(Stemmer.Tokens("cold-start users")).Select(m => m.Key));
        Assert.Empty(matcher.Matches(Stemmer.Tokens("a roadmap and a bitmap")));
    }

    [Fact]
    public void Splits_sentences_but_not_abbreviations_or_decimals()
    {
        const string text = "We use e.g. GBDT with 0.5 dropout. It works! Does it? Yes.";
        Assert.Equal(4, Sentences.Split(text).Count());
    }
}
