using System.Reflection;
using Grader.Core.Analysis;
using Grader.Core.Parsing;
using Grader.Core.Text;
using Grader.Tests.Support;

namespace Grader.Tests.Analyzers;

/// <summary>
/// The analyzers' lexicons are looked for in one walk per unit, and the bits it finds are kept with the unit's stems: each
/// lexicon must still be met exactly where a matcher of its own terms alone meets it.
/// </summary>
public sealed class LexiconMaskTests
{
    private static readonly Lexicon[] All = [.. typeof(Lexicons).GetProperties(BindingFlags.Public | BindingFlags.Static)
        .Where(p => p.PropertyType == typeof(Lexicon)).Select(p => (Lexicon)p.GetValue(null)!)];

    [Fact]
    public void Every_lexicon_is_met_where_its_own_terms_are()
    {
        Assert.True(All.Length >= 12);
        Assert.Equal(All.Length, All.Select(l => l.Bit).Distinct().Count());
        var own = All.Select(l => new PhraseMatcher<string>(l.Terms.Select(t => (t, t)))).ToArray();
        var texts = TestGrader.ExampleFiles()
            .SelectMany(f => MarkdownParser.Parse(f, File.ReadAllText(Path.Combine(TestGrader.RepoRoot, f))).Units.Select(u => u.Text))
            // Each term alone and inside a sentence, so every lexicon is met somewhere.
            .Concat(All.SelectMany(l => l.Terms.SelectMany(t => new[] { t, $"We keep {t} in mind." })))
            .ToList();
        var met = new int[All.Length];
        foreach (var text in texts)
        {
            // Asked twice: the second answer comes from the bits kept with the stems.
            var stems = Stemmer.Tokens(text);
            for (var k = 0; k < All.Length; k++)
            {
                var expected = own[k].Contains(stems);
                Assert.Equal(expected, All[k].Contains(stems));
                Assert.Equal(expected, All[k].Contains(stems));
                met[k] += expected ? 1 : 0;
            }
        }

        Assert.All(met, m => Assert.True(m > 0));
    }
}
