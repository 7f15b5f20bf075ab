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
