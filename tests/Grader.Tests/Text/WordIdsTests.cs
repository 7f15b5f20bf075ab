using CsCheck;
using Grader.Core.Text;

namespace Grader.Tests.Text;

/// <summary>The stemmer's compact word table must answer as a dictionary would, while it grows and while threads read it.</summary>
public class WordIdsTests
{
    [Fact]
    public void Answers_as_a_dictionary_through_growth() =>
        Gen.Char['a', 'f'].Array[1, 6].Select(c => new string(c)).Array[1, 300].Sample(words =>
        {
            // Tiny to start with, so both arrays grow many times.
            var table = new WordIds(2, 4);
            var expected = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < words.Length; i++)
            {
                table.Add(words[i], i);
                expected.TryAdd(words[i], i);
            }

            Assert.Equal(expected.Count, table.Count);
            foreach (var (word, id) in expected)
            {
                Assert.True(table.TryGet(word, out var found));
                Assert.Equal(id, found);
            }

            Assert.False(table.TryGet("zzz", out var none));
            Assert.Equal(-1, none);
        });

    [Fact]
    public void Reading_first_slots_ahead_answers_as_a_plain_look_up() =>
        Gen.Char['a', 'f'].Array[1, 6].Select(c => new string(c)).Array[1, 300].Sample(words =>
        {
            // Half the words kept, all of them looked up: a word not kept must be told apart from one whose first slot
            // another word holds.
            var table = new WordIds(2, 4);
            for (var i = 0; i < words.Length; i += 2)
            {
                table.Add(words[i], i);
            }

            var hashes = words.Select(w => WordIds.HashOf(w)).ToArray();
            var firstSlots = new int[words.Length];
            table.Probe(hashes, firstSlots);
            for (var i = 0; i < words.Length; i++)
            {
                var expected = table.TryGet(words[i], out var expectedId);
                Assert.Equal(expected, table.TryGet(words[i], hashes[i], firstSlots[i], out var id));
                Assert.Equal(expectedId, id);
            }
        });

    [Fact]
    public async Task Readers_on_other_threads_see_each_word_absent_or_complete()
    {
        var table = new WordIds(2, 4);
        var words = Enumerable.Range(0, 50_000).Select(i => "w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        using var done = new CancellationTokenSource();
        var wrong = 0;
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var random = new Random(1);
            while (!done.IsCancellationRequested)
            {
                var i = random.Next(words.Length);
                if (table.TryGet(words[i], out var id) && id != i)
                {
                    Interlocked.Increment(ref wrong);
                }
            }
        })).ToArray();

        Parallel.For(0, words.Length, i => table.Add(words[i], i));
        done.Cancel();
        await Task.WhenAll(readers);
        Assert.Equal(0, wrong);
        Assert.Equal(words.Length, table.Count);
        Assert.All(Enumerable.Range(0, words.Length), i => Assert.True(table.TryGet(words[i], out var id) && id == i));
    }
}
