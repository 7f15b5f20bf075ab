using CsCheck;
using Grader.Core.Analysis;

namespace Grader.Tests.Scoring;

/// <summary>How many concepts a unit's terms name, each once: the enumeration credit reads it for short and long units.</summary>
public sealed class DistinctConceptsTests
{
    [Fact]
    public void The_count_is_of_distinct_concepts_however_many_terms()
    {
        var term = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 6], Gen.Int[0, 40]).Select(t => ((t.Item1, t.Item2), t.Item3, 1));
        term.Array[0, 60].Sample(terms =>
            Assert.Equal(terms.Select(t => t.Item1).Distinct().Count(), AnalysisContext.DistinctConcepts([.. terms])), iter: 5_000);
    }
}

/// <summary>The concepts a unit names for its evidence: terms then descriptions, each once, in order of first mention.</summary>
public sealed class MentionedConceptsTests
{
    [Fact]
    public void Each_concept_is_listed_once_where_it_is_first_named()
    {
        // Few keys so they repeat; up to 30 in all, past the count that is looked for in the list rather than a set.
        var key = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 6]);
        Gen.Select(key.Array[0, 20], key.Array[0, 10]).Sample((terms, described) =>
        {
            List<(int, int)> mentioned = [(9, 9)];
            HashSet<(int, int)> seen = [(0, 0), (1, 1)];
            Grader.Core.Scoring.EvidenceIndex.Mentioned([.. terms.Select(k => (k, 0, 1))], [.. described], mentioned, seen);
            Assert.Equal(terms.Concat(described).Distinct(), mentioned);
        }, iter: 5_000);
    }
}
