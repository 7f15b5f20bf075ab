using System.Collections.Immutable;
using Grader.Core.Analysis;
using Grader.Core.Mapping;
using Grader.Core.Parsing;

namespace Grader.Core.Scoring;

/// <summary>
/// Per unit: which concepts it mentions and how much a mention there is worth. Only prose counts, and a sentence
/// that is mostly terms is diluted: "we use two-tower, ANN, nDCG, drift and canaries" buys little, while an
/// expert's long sentence naming several metrics and why keeps full credit.
/// </summary>
public sealed class EvidenceIndex
{
    /// <summary>Share of a sentence's words that may be rubric terms before its credit is diluted.</summary>
    public const double MaxTermDensity = 0.3;

    /// <summary>Evidence found under another step still shows knowledge, at this share of the credit.</summary>
    public const double OffScopeCredit = 0.5;

    private readonly List<(int Unit, int Concept, double Weight)>[] _bySet;
    private readonly AnalysisContext _context;
    private readonly int _placedUnits;
    private readonly int _matches;
    private readonly int _matchesInStep;

    public EvidenceIndex(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        var compiled = context.Compiled;
        _bySet = [.. compiled.ConceptSets.Select(_ => new List<(int, int, double)>())];
        foreach (var unit in context.Prose)
        {
            var stems = context.Stems(unit.Index);
            var all = compiled.Concepts.Matches(stems).ToList();
            if (all.Count == 0)
            {
                continue;
            }

            var termTokens = new bool[stems.Length];
            foreach (var (_, start, length) in all)
            {
                Array.Fill(termTokens, true, start, length);
            }

            // Coherence: do the concepts a sentence names belong to the step it stands in?
            var unitSteps = context.Map.UnitSteps[unit.Index];
            if (unitSteps != StepSet.None)
            {
                _placedUnits++;
                _matches += all.Count;
                _matchesInStep += all.Count(m => (compiled.ConceptSets[m.Key.Set].Criterion.Scope & unitSteps) != 0);
            }

            var density = (double)termTokens.Count(t => t) / stems.Length;
            var weight = density <= MaxTermDensity ? 1.0 : MaxTermDensity / density;
            foreach (var (set, concept) in all.Select(m => m.Key).Distinct())
            {
                _bySet[set].Add((unit.Index, concept, weight));
            }
        }
    }

    /// <summary>Sentences with concepts under a step heading: below <see cref="MinCoherenceEvidence"/> coherence is not judged.</summary>
    public int PlacedUnits => _placedUnits;

    /// <summary>Share of concept mentions that stand under a step they belong to (null with too little evidence).</summary>
    public double? Coherence => _placedUnits >= MinCoherenceEvidence && _matches > 0 ? (double)_matchesInStep / _matches : null;

    /// <summary>How many placed sentences with concepts it takes to judge coherence.</summary>
    public const int MinCoherenceEvidence = 20;

    /// <summary>Mentions of a concept set's concepts: (unit, concept index, weight before scope).</summary>
    public IReadOnlyList<(int Unit, int Concept, double Weight)> Mentions(int set) => _bySet[set];

    /// <summary>
    /// The best credit per concept of a set within <paramref name="scope"/>: the top <paramref name="atLeast"/> averaged,
    /// with where they were found and a description of what was missing.
    /// </summary>
    public (double Fraction, ImmutableArray<SourceSpan> Evidence, string? Missing) Cover(int set, ImmutableArray<Rubrics.Concept> concepts, StepSet scope, int atLeast)
    {
        var best = new (double Credit, SourceSpan Span)[concepts.Length];
        foreach (var (unit, concept, weight) in _bySet[set])
        {
            var u = _context.Document.Units[unit];
            var credit = weight * ScopeFactor(u, scope);
            if (credit > best[concept].Credit)
            {
                best[concept] = (credit, u.Span);
            }
        }

        var top = best.OrderByDescending(b => b.Credit).Take(atLeast).ToList();
        var fraction = Math.Min(1.0, top.Sum(b => b.Credit) / atLeast);
        return (fraction, [.. top.Where(b => b.Credit > 0).Select(b => b.Span)], fraction < 1 ? Describe(concepts, best) : null);
    }

    private static string Describe(ImmutableArray<Rubrics.Concept> concepts, (double Credit, SourceSpan Span)[] best)
    {
        var absent = concepts.Where((_, i) => best[i].Credit == 0).Select(c => c.Name).Take(6).ToList();
        var weak = concepts.Where((_, i) => best[i].Credit is > 0 and < 1).Select(c => c.Name).Take(6).ToList();
        var parts = new List<string>();
        if (weak.Count > 0)
        {
            parts.Add($"only outside this step or in term lists: {string.Join(", ", weak)}");
        }

        if (absent.Count > 0)
        {
            parts.Add($"not found in prose: {string.Join(", ", absent)}");
        }

        return string.Join("; ", parts);
    }

    /// <summary>1 in scope, <see cref="OffScopeCredit"/> elsewhere, 0 in ignored sections.</summary>
    public double ScopeFactor(TextUnit unit, StepSet scope)
    {
        if (_context.Map.IgnoredSections[unit.Section])
        {
            return 0;
        }

        return (_context.Map.UnitSteps[unit.Index] & scope) != 0 ? 1 : OffScopeCredit;
    }
}
