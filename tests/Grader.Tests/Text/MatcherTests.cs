using CsCheck;
using Grader.Core.Text;

namespace Grader.Tests.Text;

/// <summary>What the phrase and description matchers promise, whatever index they keep inside.</summary>
public class MatcherTests
{
    private static readonly PhraseMatcher<string> Metrics = new([
        ("recall", "recall"),
        ("recall at k", "recall-at-k"),
        ("recall at 5", "recall-at-5"),
        ("precision at k", "precision-at-k"),
        ("recall", "recall-again"),
        ("click through rate", "ctr"),
        ("click", "click"),
    ]);

    [Fact]
    public void Matches_longest_first_at_a_position_then_in_the_order_given()
    {
        var matches = Metrics.Matches(Stemmer.Tokens("We track recall at 5 and click through rates"));
        Assert.Equal(
            [("recall-at-k", 2, 3), ("recall-at-5", 2, 3), ("recall", 2, 1), ("recall-again", 2, 1), ("ctr", 6, 3), ("click", 6, 1)],
            matches.Select(m => (m.Key, m.Start, m.Length)));
    }

    [Theory]
    [InlineData("precision at 10 matters", "precision-at-k")]
    [InlineData("precision at k matters", "precision-at-k")]
    [InlineData("precision at ten matters", null)]
    [InlineData("precision at", null)]
    public void A_k_stands_for_a_number_or_itself(string text, string? expected)
    {
        var found = Metrics.TryFirst(Stemmer.Tokens(text), out var first);
        Assert.Equal(expected, found ? first.Key : null);
        Assert.Equal(expected is not null, Metrics.Contains(Stemmer.Tokens(text)));
    }

    [Fact]
    public void Collecting_visiting_and_listing_give_the_same_matches()
    {
        var stems = Stemmer.Tokens("recall at 3, recall at k and the click through rate; then a click");
        List<(string Key, int Start, int Length)>? collected = null;
        Metrics.Collect(stems, ref collected);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var visitor = new KeySetVisitor<string>(visited);
        Metrics.Visit(stems, ref visitor);
        Assert.Equal(Metrics.Matches(stems), collected!);
        Assert.Equal(collected!.Select(m => m.Key).ToHashSet(StringComparer.Ordinal), visited);
    }

    [Fact]
    public void Descriptions_are_met_when_every_group_is_and_come_in_rubric_order()
    {
        var matcher = new DescriptionMatcher<string>([
            (Description.Parse("share | fraction + shown | displayed + click | tap"), "ctr"),
            (Description.Parse("time + watched | spent watching"), "watch-time"),
            (Description.Parse("users + come back"), "retention"),
        ]);

        Assert.Equal(["ctr", "watch-time"], matcher.Matches(Stemmer.Tokens("Time spent watching, and the share of videos displayed that users tap")));
        Assert.Equal(["retention"], matcher.Matches(Stemmer.Tokens("How many users come back")));

        // Nothing from an earlier unit is left over: "users" alone meets no description.
        Assert.Empty(matcher.Matches(Stemmer.Tokens("users")));
        Assert.Empty(matcher.Matches(Stemmer.Tokens("the fraction shown")));
    }

    [Theory]
    [InlineData("We track recall at 5 and click through rates")]
    [InlineData("precision at 10, recall at k, then a click")]
    [InlineData("Time spent watching, and the share of videos displayed that users tap")]
    public void Tokens_without_an_id_match_as_the_same_tokens_with_one(string text)
    {
        // Past the vocabulary's bound a token keeps no id; matchers then compare its text, and find the same. (Its stems
        // are given ids first, as the bound may already be reached by other tests' words.)
        foreach (var stem in Stemmer.StemAll(text))
        {
            Stemmer.Intern(stem);
        }

        var tokens = Stemmer.Tokens(text);
        var unknown = new StemmedText(tokens.Stems, [.. tokens.Ids.Select(_ => -1)]);
        var descriptions = new DescriptionMatcher<string>([
            (Description.Parse("share | fraction + shown | displayed + click | tap"), "ctr"),
            (Description.Parse("time + spent watching"), "watch-time"),
        ]);

        Assert.All(tokens.Ids, id => Assert.True(id >= 0));
        Assert.NotEmpty(Metrics.Matches(tokens).Concat(descriptions.Matches(tokens).Select(k => (k, 0, 0))));
        Assert.Equal(Metrics.Matches(tokens), Metrics.Matches(unknown));
        Assert.Equal(descriptions.Matches(tokens), descriptions.Matches(unknown));
    }

    // Few words, so phrases share first and second stems; "k" stands for the numbers among them.
    private static readonly Gen<string> Word = Gen.OneOf("ant", "bee", "Bees", "cat", "dog", "k", "7", "12");

    private static readonly Gen<string> PhraseText = Word.Array[1, 4].Select(words => string.Join(' ', words));

    private static readonly Gen<string> UnitText = Gen.Select(Word.Array[0, 30], Gen.OneOf(" ", ", ")).Select(x => string.Join(x.Item2, x.Item1));

    [Fact]
    public void Phrase_matches_are_every_phrase_standing_at_each_position_longest_first_then_as_given() =>
        Gen.Select(PhraseText.Array[1, 40], UnitText).Sample((phrases, text) =>
        {
            var matcher = new PhraseMatcher<int>(phrases.Select((p, i) => (p, i)));
            var stemmed = phrases.Select(p => Stemmer.Tokens(p).Stems).ToArray();
            var tokens = Stemmer.Tokens(text);
            var expected = new List<(int, int, int)>();
            for (var i = 0; i < tokens.Length; i++)
            {
                expected.AddRange(stemmed.Select((p, key) => (p, key))
                    .Where(x => x.p.Length > 0 && StandsAt(tokens.Stems, i, x.p))
                    .OrderByDescending(x => x.p.Length)
                    .Select(x => (x.key, i, x.p.Length)));
            }

            Assert.Equal(expected, matcher.Matches(tokens));

            // Without ids (words met past the vocabulary's bound), compared by text: the same matches.
            Assert.Equal(expected, matcher.Matches(new StemmedText(tokens.Stems, [.. tokens.Ids.Select(_ => -1)])));
        });

    [Fact]
    public void A_description_is_met_when_each_of_its_groups_has_an_alternative_standing_somewhere() =>
        Gen.Select(PhraseText.Array[1, 3].Array[2, 3].Array[1, 12], UnitText).Sample((descriptions, text) =>
        {
            var parsed = descriptions.Select(groups => Description.Parse(string.Join(" + ", groups.Select(g => string.Join(" | ", g))))).ToArray();
            var matcher = new DescriptionMatcher<int>(parsed.Select((d, i) => (d, i)));
            var tokens = Stemmer.Tokens(text);
            bool Stands(string alternative)
            {
                var stems = Stemmer.Tokens(alternative).Stems;
                return Enumerable.Range(0, tokens.Length).Any(i => StandsAt(tokens.Stems, i, stems));
            }

            var expected = parsed.Select((d, i) => (d, i)).Where(x => x.d.IsValid && x.d.Groups.All(g => g.Any(Stands))).Select(x => x.i).ToList();
            Assert.Equal(expected, matcher.Matches(tokens));

            // Without ids (words met past the vocabulary's bound), compared by text: the same descriptions.
            Assert.Equal(expected, matcher.Matches(new StemmedText(tokens.Stems, [.. tokens.Ids.Select(_ => -1)])));
        });

    [Fact]
    public void A_texts_summary_holds_every_stem_it_has_and_every_stem_when_one_has_no_id() =>
        Gen.Select(UnitText, Gen.Int[0, 100_000].Array[0, 20]).Sample((text, others) =>
        {
            var tokens = Stemmer.Tokens(text);
            Assert.All(tokens.Ids, id => Assert.True(tokens.MayHold(id)));
            var unread = new StemmedText([.. tokens.Stems, "zzz"], [.. tokens.Ids, -1]);
            Assert.All(others, id => Assert.True(unread.MayHold(id)));
        });

    [Fact]
    public void Groups_past_the_sixty_fourth_share_one_bit()
    {
        // 66 groups, the 64th to 66th sharing the last bit: one of them hit stands for all three.
        var groups = Enumerable.Range(0, 66).Select(g => $"word{g}").ToList();
        var matcher = new DescriptionMatcher<string>([(Description.Parse(string.Join(" + ", groups)), "many")]);
        var allButLastTwo = string.Join(" ", groups.Take(64));
        Assert.Equal(["many"], matcher.Matches(Stemmer.Tokens(allButLastTwo)));
        Assert.Equal(["many"], matcher.Matches(Stemmer.Tokens(string.Join(" ", groups.Take(63)) + " word65")));
        Assert.Empty(matcher.Matches(Stemmer.Tokens(string.Join(" ", groups.Take(63)))));
        Assert.Empty(matcher.Matches(Stemmer.Tokens(string.Join(" ", groups.Skip(1)))));
    }

    // The reference: the first stem equal, each later one equal or a number where the phrase says "k".
    private static bool StandsAt(string[] text, int start, string[] phrase) =>
        start + phrase.Length <= text.Length
        && text[start] == phrase[0]
        && Enumerable.Range(1, phrase.Length - 1).All(j => text[start + j] == phrase[j]
            || (phrase[j] == "k" && text[start + j].Length > 0 && text[start + j].All(char.IsAsciiDigit)));

    [Fact]
    public void The_same_stem_has_the_same_id_whatever_word_it_came_from()
    {
        var tokens = Stemmer.Tokens("labels labelled label LABELING model");
        Assert.Equal(["label", "label", "label", "label", "model"], tokens.Stems);
        Assert.Single(tokens.Ids.Take(4).Distinct());
        Assert.NotEqual(tokens.Ids[0], tokens.Ids[4]);
        Assert.Equal([tokens.Ids[0], tokens.Ids[4]], Stemmer.Tokens("Labels, models").Ids);
    }

    [Theory]
    [InlineData("Labelled LABELS labeling")]
    [InlineData("Ünïcode wörds and naïve café")]
    [InlineData("a SupercalifragilisticexpialidociousexpialidociousexpialidociousexpialidociousWORDS token")]
    public void Stemming_a_text_stems_each_lower_cased_word(string text)
    {
        var expected = Words.Tokenize(text).Select(t => Stemmer.Stem(t.Word)).ToArray();

        // Twice: the second time every word comes from the cache.
        Assert.Equal(expected, Stemmer.StemAll(text));
        Assert.Equal(expected, Stemmer.StemAll(text));
        Assert.Equal(Words.Tokenize(text).Select(t => t.Word), Words.Tokenize(text).Select(t => text.Substring(t.Start, t.Word.Length).ToLowerInvariant()));
    }

    [Fact]
    public void A_text_read_by_id_gives_the_stems_of_its_words()
    {
        // New words whose stems are given ids first: the word cache is shared by every test and bounded, so once other
        // tests have filled it a new word keeps its stem's id only if the stem has one. Each read one at a time and all
        // at once.
        var text = "Zorblaxes quintuplified FLIMFLAMMING " + Guid.NewGuid().ToString("N");
        var expected = Words.Tokenize(text).Select(t => Stemmer.Stem(t.Word)).ToArray();
        foreach (var stem in expected)
        {
            Stemmer.Intern(stem);
        }

        var tokens = Stemmer.Tokens(text);
        Assert.All(tokens.Ids, id => Assert.True(id >= 0));
        Assert.Equal(expected, Enumerable.Range(0, tokens.Length).Select(i => tokens[i]));
        Assert.Equal(expected, tokens.Stems);
    }

    [Fact]
    public void Ids_handed_out_on_many_threads_at_once_each_stand_for_their_stem()
    {
        // Enough new stems to grow the table by id while other threads read it.
        var stems = Enumerable.Range(0, 20_000).Select(i => $"zq{i}x{Guid.NewGuid():N}").ToArray();
        var ids = new int[stems.Length];
        Parallel.For(0, stems.Length, i => ids[i] = Stemmer.Intern(stems[i]));
        Assert.Equal(stems.Length, ids.Distinct().Count());
        Assert.All(Enumerable.Range(0, stems.Length), i => Assert.Equal(stems[i], Stemmer.StemOf(ids[i])));
    }

    [Theory]
    [InlineData("two-tower, ANN, cold start, nDCG, drift", true)]
    [InlineData("Ranking | Retrieval | Filtering | Re-ranking", true)]
    [InlineData("We retrain daily, because drift is fast; the model, which is small, is cheap to rebuild", false)]
    [InlineData("a, b, c", false)]
    public void A_term_chain_is_short_segments_without_grammar(string text, bool expected) =>
        Assert.Equal(expected, Prose.IsTermChain(text));

    [Fact]
    public void Matches_sorted_longest_first_keep_start_order_then_list_order()
    {
        // Lists in order of start (as walks give them, one length or several) and in any order; keys repeat, so a
        // stable order is told from an unstable one.
        var match = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 30], Gen.Int[1, 4]);
        var list = match.List[0, 40];
        Gen.OneOf(list, list.Select(l => l.OrderBy(m => m.Item2).ToList())).Sample(items =>
        {
            var matches = items.Select((m, i) => (Key: $"{m.Item1}:{i}", Start: m.Item2, Length: m.Item3)).ToList();
            var expected = matches.OrderBy(m => -m.Length).ThenBy(m => m.Start).ToList();
            PhraseMatches.SortLongestFirst(matches);
            return expected.SequenceEqual(matches);
        }, iter: 20_000);
    }

    [Fact]
    public void A_term_chain_is_told_as_the_whole_count_tells_it()
    {
        // IsTermChain stops at a third function word or too many long segments; the reference reads every segment.
        var piece = Gen.OneOf(Gen.Const("ann"), Gen.Const("cold start"), Gen.Const("two tower model here"), Gen.Const("the"),
            Gen.Const("we retrain"), Gen.Const("of it"), Gen.Const("and"), Gen.Const(" "), Gen.Const(""), Gen.String[0, 12]);
        var separator = Gen.OneOf(Gen.Const(","), Gen.Const(", "), Gen.Const(";"), Gen.Const(" | "), Gen.Const("/"), Gen.Const("•"), Gen.Const(" "));
        // Both answers counted, so the comparison is known to have met chains and sentences alike.
        int chains = 0, sentences = 0;
        Gen.Select(piece, separator).Array[0, 14].Select(parts => string.Concat(parts.Select(p => p.Item1 + p.Item2)))
            .Sample(text =>
            {
                var expected = ReferenceTermChain(text);
                (chains, sentences) = expected ? (chains + 1, sentences) : (chains, sentences + 1);
                return Prose.IsTermChain(text) == expected;
            }, iter: 20_000);
        Assert.True(chains > 100 && sentences > 100, $"{chains} chains, {sentences} sentences");
    }

    private static bool ReferenceTermChain(string text)
    {
        if (text.Count(c => c is ',' or ';' or '|' or '·' or '•' or '/') < 3)
        {
            return false;
        }

        var segments = text.Split([',', ';', '|', '·', '•', '/'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var words = segments.Select(s => Words.Tokenize(s).Select(t => t.Word).ToList()).ToList();
        var functionWords = words.SelectMany(w => w).Count(w => w != "and" && Prose.IsFunctionWord(w));
        return segments.Length >= 4 && words.Count(w => w.Count <= 2) * 5 >= segments.Length * 4 && functionWords <= 2;
    }
}
