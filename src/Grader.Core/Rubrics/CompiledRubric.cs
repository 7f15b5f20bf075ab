using System.Collections.Immutable;
using Grader.Core.Mapping;
using Grader.Core.Text;

namespace Grader.Core.Rubrics;

/// <summary>A rubric with its matchers built once, shared by every document and thread that grades against it.</summary>
public sealed class CompiledRubric
{
    public CompiledRubric(Rubric rubric)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        Rubric = rubric;
        Mapper = new StepMapper(rubric);
        var concepts = rubric.Criteria.OfType<ConceptsCriterion>().ToImmutableArray();
        ConceptCriteria = concepts;
        Concepts = new PhraseMatcher<(int Criterion, int Concept)>(concepts.SelectMany((c, ci) =>
            c.Concepts.SelectMany((k, ki) => k.Terms.Select(t => (t, (ci, ki))))));
        AllTerms = new PhraseMatcher<string>(concepts.SelectMany(c => c.Concepts.SelectMany(k => k.Terms.Select(t => (t, k.Name)))));
    }

    public Rubric Rubric { get; }

    public StepMapper Mapper { get; }

    public ImmutableArray<ConceptsCriterion> ConceptCriteria { get; }

    /// <summary>Every concept term of every concepts criterion, keyed by (criterion index, concept index).</summary>
    public PhraseMatcher<(int Criterion, int Concept)> Concepts { get; }

    /// <summary>Every concept term, keyed by concept name.</summary>
    public PhraseMatcher<string> AllTerms { get; }
}
