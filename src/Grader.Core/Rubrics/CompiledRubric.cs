using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Grader.Core.Rubrics.Kinds;
using Grader.Core.Text;

namespace Grader.Core.Rubrics;

/// <summary>A group of concepts one criterion looks for: a concepts criterion has one, a metric pairing two.</summary>
public sealed record ConceptSet(Criterion Criterion, ImmutableArray<Concept> Concepts);

/// <summary>
/// A rubric with its matchers built once, shared by every document and thread that grades against it. Patterns give
/// up after <see cref="MatchTimeout"/>, the engine's <see cref="GradingOptions.PatternTimeout"/>.
/// </summary>
public sealed class CompiledRubric
{
    // Keyed by the criterion object: ids are unique within a rubric, and a record's structural hash reads every field
    // (strings hashed character by character) on each of scoring's many look-ups. A criterion's sets are consecutive.
    private readonly Dictionary<Criterion, (int First, int Count)> _sets = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Criterion, Regex> _patterns = new(ReferenceEqualityComparer.Instance);

    public CompiledRubric(Rubric rubric, TimeSpan matchTimeout)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        Rubric = rubric;
        MatchTimeout = matchTimeout;
        var sets = ImmutableArray.CreateBuilder<ConceptSet>();
        foreach (var criterion in rubric.Criteria)
        {
            var groups = CriterionKinds.For(criterion).ConceptGroups(criterion);
            _sets[criterion] = (sets.Count, groups.Length);
            foreach (var group in groups)
            {
                sets.Add(new ConceptSet(criterion, group));
            }

            if (CriterionKinds.For(criterion).Pattern(criterion) is { } pattern)
            {
                _patterns[criterion] = RubricRegex.Get(pattern, matchTimeout);
            }
        }

        ConceptSets = sets.ToImmutable();
        Concepts = new PhraseMatcher<(int Set, int Concept)>(ConceptSets.SelectMany((set, si) =>
            set.Concepts.SelectMany((k, ki) => k.Phrases.Select(t => (t, (si, ki))))));
        Descriptions = new DescriptionMatcher<(int Set, int Concept)>(ConceptSets.SelectMany((set, si) =>
            set.Concepts.SelectMany((k, ki) => k.Descriptions.Select(d => (d, (si, ki))))));
        Penalties = rubric.Criteria.OfType<PenaltyCriterion>()
            .ToDictionary(p => p, p => new PhraseMatcher<string>(p.Terms.Select(t => (t, t))), (IEqualityComparer<PenaltyCriterion>)ReferenceEqualityComparer.Instance);
    }

    public Rubric Rubric { get; }

    public TimeSpan MatchTimeout { get; }

    public ImmutableArray<ConceptSet> ConceptSets { get; }

    /// <summary>Every term of every concept set, keyed by (set index, concept index).</summary>
    public PhraseMatcher<(int Set, int Concept)> Concepts { get; }

    /// <summary>Every concept description (everyday wording), keyed like <see cref="Concepts"/>.</summary>
    public DescriptionMatcher<(int Set, int Concept)> Descriptions { get; }

    public IReadOnlyDictionary<PenaltyCriterion, PhraseMatcher<string>> Penalties { get; }

    /// <summary>The compiled regular expression of a criterion that has one (regex, penalty with 'pattern:').</summary>
    public Regex Pattern(Criterion criterion) => _patterns[criterion];

    /// <summary>The index of a criterion's concept set (0 for a concepts criterion; 0 offline, 1 online for a pairing).</summary>
    public int SetIndex(Criterion criterion, int which = 0) =>
        _sets[criterion] is var (first, count) && which >= 0 && which < count
            ? first + which
            : throw new KeyNotFoundException($"Criterion '{criterion.Id}' has no concept set {which}.");
}
