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

    private readonly List<(int Unit, int Concept, double Weight)>[] _byCriterion;
    private readonly AnalysisContext _context;

    public EvidenceIndex(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        var compiled = context.Compiled;
        _byCriterion = [.. compiled.ConceptCriteria.Select(_ => new List<(int, int, double)>())];
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

            var density = (double)termTokens.Count(t => t) / stems.Length;
            var weight = density <= MaxTermDensity ? 1.0 : MaxTermDensity / density;
            foreach (var (criterion, concept) in all.Select(m => m.Key).Distinct())
            {
                _byCriterion[criterion].Add((unit.Index, concept, weight));
            }
        }
    }

    /// <summary>Mentions of a concepts criterion's concepts: (unit, concept index, weight before scope).</summary>
    public IReadOnlyList<(int Unit, int Concept, double Weight)> Mentions(int conceptCriterion) => _byCriterion[conceptCriterion];

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
