using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Grader.Core.Rubrics;

namespace Grader.Core.Analysis;

/// <summary>
/// The compiled rubric's concepts each unit of one document names, as terms (with their token spans) and as
/// descriptions, each matched once per unit: mapping votes with the descriptions, analysis and scoring read both.
/// </summary>
public sealed class ConceptFacts
{
    // Default (not empty) where a unit is not matched yet.
    private readonly ImmutableArray<(int Set, int Concept)>[] _described;
    private readonly UnitConcepts?[] _concepts;

    // Reused for every unit's term matches (of every answer the thread grades), which are then copied out at their size.
    [ThreadStatic]
    private static List<((int Set, int Concept) Key, int Start, int Length)>? t_terms;

    public ConceptFacts(DocumentFacts facts, CompiledRubric compiled)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(compiled);
        Facts = facts;
        Compiled = compiled;
        _described = new ImmutableArray<(int, int)>[facts.Document.Units.Length];
        _concepts = new UnitConcepts?[facts.Document.Units.Length];
    }

    public DocumentFacts Facts { get; }

    public CompiledRubric Compiled { get; }

    /// <summary>The concepts whose descriptions a unit meets, in rubric order.</summary>
    public ImmutableArray<(int Set, int Concept)> Described(int unit)
    {
        if (_described[unit].IsDefault)
        {
            _described[unit] = ImmutableCollectionsMarshal.AsImmutableArray(Compiled.Descriptions.Matches(Facts.Stems(unit)));
        }

        return _described[unit];
    }

    /// <summary>The concepts a unit names, by term and by description.</summary>
    public UnitConcepts ConceptsIn(int unit)
    {
        if (_concepts[unit] is { } known)
        {
            return known;
        }

        var terms = t_terms;
        terms?.Clear();
        Compiled.Concepts.Collect(Facts.Stems(unit), ref terms);
        t_terms = terms;
        var described = Described(unit);
        var found = terms is null or { Count: 0 } && described.IsEmpty ? UnitConcepts.None : new UnitConcepts(terms is null ? [] : [.. terms], described);
        _concepts[unit] = found;
        return found;
    }
}
