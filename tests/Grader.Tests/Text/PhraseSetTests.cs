using CsCheck;
using Grader.Core.Text;

namespace Grader.Tests.Text;

/// <summary>
/// A phrase set skips a unit that holds no word some entry needs: it must still find the first entry each unit meets,
/// as matching every entry on its own does.
/// </summary>
public class PhraseSetTests
{
    // Few words, so entries share them and texts meet entries often; "k" stands for numbers in a phrase.
    private static readonly string[] Vocabulary =
        ["accuracy", "metric", "primary", "random", "split", "time", "users", "k", "5", "model", "the", "click", "rates", "leak", "future"];

    private static readonly Gen<string> Phrase = Gen.Int[0, Vocabulary.Length - 1].Array[1, 3].Select(w => string.Join(' ', w.Select(i => Vocabulary[i])));

    private static readonly Gen<string> DescriptionText = Phrase.Array[1, 3].Select(a => string.Join(" | ", a)).Array[2, 3].Select(g => string.Join(" + ", g));

    private static readonly Gen<string> Entry = Gen.Frequency((2, Phrase), (1, DescriptionText));

    private static readonly Gen<string> Text = Gen.OneOf(Gen.Int[0, Vocabulary.Length - 1].Select(i => Vocabulary[i]), Gen.Const("12"), Gen.Const("nothing"))
        .Array[0, 12].Select(w => string.Join(' ', w));

    [Fact]
    public void The_first_entry_met_is_found_as_each_entry_alone_finds_it()
    {
        Gen.Select(Entry.Array[1, 6], Text).Sample((entries, text) =>
        {
            var stems = Stemmer.Tokens(text);
            var expected = entries.FirstOrDefault(e => Description.IsDescription(e)
                ? new DescriptionMatcher<int>([(Description.Parse(e), 0)]).Matches(stems).Length > 0
                : new PhraseMatcher<int>([(e, 0)]).Contains(stems));
            Assert.Equal(expected, new PhraseSet(entries).Find(stems));

            // The same words without ids (past the vocabulary's bound), compared by text, some or all of them.
            var unknown = new StemmedText(stems.Stems, [.. stems.Ids.Select((id, i) => i % 2 == 0 ? -1 : id)]);
            Assert.Equal(expected, new PhraseSet(entries).Find(unknown));
        }, iter: 3_000);
    }

    [Theory]
    [InlineData("we use accuracy as the primary metric", "accuracy as the primary metric")]
    [InlineData("the primary metric is accuracy", "accuracy + primary metric | main metric")]
    [InlineData("top 5 users", "top k users")]
    [InlineData("users click", null)]
    public void Entries_are_met_through_their_rarest_words(string text, string? expected)
    {
        var set = new PhraseSet(["accuracy as the primary metric", "accuracy + primary metric | main metric", "top k users"]);
        Assert.Equal(expected, set.Find(Stemmer.Tokens(text)));
    }
}
