using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Grader.Core.Analysis;
using Grader.Core.Mapping;
using Grader.Core.Parsing;
using Grader.Core.Text;

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

    /// <summary>
    /// Words of its own (counted as substance) at which a step is fully present. A step the answer leaves out, or marks
    /// "TBD", is not made up for by its terms used in other roles: "log loss" as the training loss is not an
    /// evaluation plan, "drift" named in the data section is not monitoring.
    /// </summary>
    public const double PresenceWords = 25;

    /// <summary>Share of the off-scope credit a step keeps when the answer says nothing under it.</summary>
    public const double AbsentStepCredit = 0.25;

    // The mentions of concept set s are _mentions[_firstMention[s].._firstMention[s + 1]], in document order: one array
    // for all sets, not a growing list per set.
    private readonly (int Unit, int Concept, double Weight)[] _mentions;
    private readonly int[] _firstMention;
    private readonly AnalysisContext _context;
    private readonly int _placedUnits;
    private readonly int _matches;
    private readonly int _matchesInStep;
    private readonly int _scatteredUnits;
    private readonly double?[] _presence = new double?[FrameworkSteps.All.Length];

    public EvidenceIndex(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = context;
        var compiled = context.Compiled;
        // Sized for every term and description of the units read, so it never grows.
        var most = 0;
        foreach (var unit in context.Document.Units)
        {
            if (Reads(unit))
            {
                var (terms, described) = context.ConceptsIn(unit.Index);
                most += terms.Length + described.Length;
            }
        }

        // Gathered in a lent array, then placed set by set into _mentions.
        var found = ArrayPool<(int Set, int Unit, int Concept, double Weight)>.Shared.Rent(Math.Max(most, 1));
        var count = 0;
        var mentioned = new List<(int Set, int Concept)>();
        var seen = new HashSet<(int, int)>();
        foreach (var unit in context.Document.Units)
        {
            if (!Reads(unit))
            {
                continue;
            }

            var stems = context.Stems(unit.Index);
            var (terms, described) = context.ConceptsIn(unit.Index);
            if (terms.IsEmpty && described.IsEmpty)
            {
                continue;
            }

            // A term list earns nothing, but is remembered so the finding can say "named only in a list".
            Mentioned(terms, described, mentioned, seen);
            if (!unit.IsProse)
            {
                foreach (var (set, concept) in mentioned)
                {
                    found[count++] = (set, unit.Index, concept, 0);
                }

                continue;
            }

            // Descriptions are everyday words, never jargon: only terms dilute a sentence.
            var density = stems.Length == 0 ? 0 : (double)TermTokens(terms, stems.Length) / stems.Length;

            // Coherence: do the terms a sentence names belong to the step its heading names? (Judged against the
            // heading, not the decoded map: content decides the map, so it would agree with itself.) And is it jargon
            // strung together: mostly terms, naming ideas of three or more steps at once?
            var unitSteps = context.Map.HeadingSteps[unit.Section];
            if (unitSteps != StepSet.None && !terms.IsEmpty)
            {
                _placedUnits++;
                _matches += terms.Length;
                var stepsNamed = StepSet.None;
                foreach (var (key, _, _) in terms)
                {
                    var criterion = compiled.ConceptSets[key.Set].Criterion;
                    _matchesInStep += (criterion.Scope & unitSteps) != 0 ? 1 : 0;
                    stepsNamed |= criterion.Step.ToSet();
                }

                if (density > MaxTermDensity && System.Numerics.BitOperations.PopCount((uint)stepsNamed) >= ScatteredSteps)
                {
                    _scatteredUnits++;
                }
            }

            var weight = density <= MaxTermDensity ? 1.0 : MaxTermDensity / density;

            // Decisions, not mentions: a sentence that strings concepts together without deciding anything.
            weight *= context.EnumerationCredit(unit.Index);
            foreach (var (set, concept) in mentioned)
            {
                found[count++] = (set, unit.Index, concept, weight);
            }
        }

        _firstMention = new int[compiled.ConceptSets.Length + 1];
        foreach (var mention in found.AsSpan(0, count))
        {
            _firstMention[mention.Set + 1]++;
        }

        for (var set = 0; set < compiled.ConceptSets.Length; set++)
        {
            _firstMention[set + 1] += _firstMention[set];
        }

        _mentions = new (int, int, double)[count];
        var next = _firstMention[..^1];
        foreach (var (set, unit, concept, weight) in found.AsSpan(0, count))
        {
            _mentions[next[set]++] = (unit, concept, weight);
        }

        ArrayPool<(int, int, int, double)>.Shared.Return(found);
    }

    // Headings, text addressed to a grader and ignored sections are no evidence.
    private bool Reads(TextUnit unit) =>
        unit.Kind != UnitKind.Heading && !_context.IsExcluded(unit.Index) && !_context.Map.IgnoredSections[unit.Section];

    // The concepts a unit names, terms then descriptions, each once in order of first mention. A unit names a few: they
    // are looked for among those already listed; the set is for a long one.
    internal static void Mentioned(ImmutableArray<((int Set, int Concept) Key, int Start, int Length)> terms,
        ImmutableArray<(int Set, int Concept)> described, List<(int Set, int Concept)> mentioned, HashSet<(int, int)> seen)
    {
        mentioned.Clear();
        var few = terms.Length + described.Length <= FewMentions;
        if (!few)
        {
            seen.Clear();
        }

        foreach (var (key, _, _) in terms)
        {
            AddOnce(key);
        }

        foreach (var key in described)
        {
            AddOnce(key);
        }

        void AddOnce((int Set, int Concept) key)
        {
            if (few ? !CollectionsMarshal.AsSpan(mentioned).Contains(key) : seen.Add(key))
            {
                mentioned.Add(key);
            }
        }
    }

    private const int FewMentions = 16;

    // How many of a unit's tokens some term covers.
    private static int TermTokens(ImmutableArray<((int Set, int Concept) Key, int Start, int Length)> terms, int tokens)
    {
        if (terms.IsEmpty)
        {
            return 0;
        }

        var covered = ArrayPool<bool>.Shared.Rent(tokens);
        covered.AsSpan(0, tokens).Clear();
        foreach (var (_, start, length) in terms)
        {
            covered.AsSpan(start, length).Fill(true);
        }

        var count = covered.AsSpan(0, tokens).Count(true);
        ArrayPool<bool>.Shared.Return(covered);
        return count;
    }

    /// <summary>A sentence naming ideas of this many steps at once reads as a list of jargon, not a design decision.</summary>
    public const int ScatteredSteps = 3;

    /// <summary>Share of placed sentences with terms that are mostly terms and name ideas of <see cref="ScatteredSteps"/> or more steps.</summary>
    public double ScatteredShare => _placedUnits == 0 ? 0 : (double)_scatteredUnits / _placedUnits;

    /// <summary>Sentences with concepts under a step heading: below <see cref="MinCoherenceEvidence"/> coherence is not judged.</summary>
    public int PlacedUnits => _placedUnits;

    /// <summary>Share of concept mentions that stand under a step they belong to (null with too little evidence).</summary>
    public double? Coherence => _placedUnits >= MinCoherenceEvidence && _matches > 0 ? (double)_matchesInStep / _matches : null;

    /// <summary>How many placed sentences with concepts it takes to judge coherence.</summary>
    public const int MinCoherenceEvidence = 20;

    /// <summary>
    /// The best credit per concept of a set within <paramref name="scope"/>: the top <paramref name="atLeast"/> averaged,
    /// with where they were found and a description of what was missing.
    /// </summary>
    public (double Fraction, ImmutableArray<SourceSpan> Evidence, string? Missing) Cover(int set, ImmutableArray<Rubrics.Concept> concepts, StepSet scope, int atLeast)
    {
        Span<Found> best = concepts.Length <= 64 ? stackalloc Found[concepts.Length] : new Found[concepts.Length];
        foreach (var (unit, concept, weight) in _mentions.AsSpan(_firstMention[set].._firstMention[set + 1]))
        {
            var u = _context.Document.Units[unit];
            var factor = ScopeFactor(u, scope);
            var credit = weight * factor;
            ref var b = ref best[concept];
            b.InList |= !u.IsProse;
            if (credit > b.Credit)
            {
                // What held the best mention back: its place (another step) or its wording (mostly terms).
                (b.Credit, b.Span, b.Steps, b.OffScope, b.Diluted) = (credit, u.Span, _context.Map.UnitSteps[unit], factor < 1, weight < 1);
            }
        }

        // The best atLeast concepts, highest credit first, ties in concept order (a stable sort, as LINQ's).
        Span<(double Credit, int Concept)> order = best.Length <= 64 ? stackalloc (double, int)[best.Length] : new (double, int)[best.Length];
        for (var i = 0; i < best.Length; i++)
        {
            order[i] = (-best[i].Credit, i);
        }

        order.SortAscending();
        var take = Math.Min(Math.Max(atLeast, 0), order.Length);
        var sum = 0.0;
        var credited = 0;
        for (var i = 0; i < take; i++)
        {
            sum += best[order[i].Concept].Credit;
            credited += best[order[i].Concept].Credit > 0 ? 1 : 0;
        }

        var spans = ImmutableArray.CreateBuilder<SourceSpan>(credited);
        for (var i = 0; i < take; i++)
        {
            if (best[order[i].Concept].Credit > 0)
            {
                spans.Add(best[order[i].Concept].Span);
            }
        }

        var fraction = Math.Min(1.0, sum / atLeast);
        return (fraction, spans.MoveToImmutable(), fraction < 1 ? Describe(concepts, best) : null);
    }

    private struct Found
    {
        public double Credit;
        public SourceSpan Span;
        public bool InList;
        public bool OffScope;
        public bool Diluted;
        public StepSet Steps;
    }

    // What held a concept back, in the order the finding names them.
    private static readonly (string Label, Func<Found, bool> Test)[] Shortfalls =
    [
        ("found only under another step", f => f.Credit is > 0 and < 1 && f.OffScope),
        ("said only in sentences that string terms together", f => f.Credit is > 0 and < 1 && !f.OffScope && f.Diluted),
        ("named only in a list, explain it in a sentence", f => f.Credit == 0 && f.InList),
        ("not found", f => f.Credit == 0 && !f.InList),
    ];

    // Says why each concept short of full credit fell short: where it was found, and what would earn it (at most six
    // concepts named per reason).
    private static string Describe(ImmutableArray<Rubrics.Concept> concepts, ReadOnlySpan<Found> best)
    {
        var text = new System.Text.StringBuilder();
        foreach (var (label, test) in Shortfalls)
        {
            var named = 0;
            for (var i = 0; i < concepts.Length && named < 6; i++)
            {
                var f = best[i];
                if (!test(f))
                {
                    continue;
                }

                text.Append(named == 0 ? (text.Length == 0 ? "" : "; ") + label + ": " : ", ");
                text.Append(concepts[i].Name);
                if (f.Credit > 0 && f.OffScope)
                {
                    text.Append(" (").Append(Where(f.Steps)).Append(')');
                }

                named++;
            }
        }

        return text.ToString();
    }

    private static string Where(StepSet steps) => steps == StepSet.None ? "under no step" : string.Join(", ", steps.Steps().Select(s => s.ToId()));

    /// <summary>
    /// 1 in scope, 0 in ignored sections, and elsewhere <see cref="OffScopeCredit"/> when the text's step is sure (under a
    /// heading that names it), rising towards 1 as its placement is less sure: text placed by its content alone may
    /// well belong to the step that looks for it.
    /// </summary>
    public double ScopeFactor(TextUnit unit, StepSet scope)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (_context.Map.IgnoredSections[unit.Section])
        {
            return 0;
        }

        if ((_context.Map.UnitSteps[unit.Index] & scope) != 0)
        {
            return 1;
        }

        var sure = _context.Map.UnitConfidence.IsDefaultOrEmpty ? 1 : _context.Map.UnitConfidence[unit.Index];
        // The most present of the scope's steps (1 for an empty scope).
        var present = 1.0;
        var first = true;
        foreach (var step in scope.Steps())
        {
            var presence = Presence(step);
            present = first ? presence : Math.Max(present, presence);
            first = false;
        }

        return (OffScopeCredit + ((1 - OffScopeCredit) * (1 - sure))) * (AbsentStepCredit + ((1 - AbsentStepCredit) * present));
    }

    /// <summary>How much the answer says under a step itself, 0 to 1 (see <see cref="PresenceWords"/>).</summary>
    public double Presence(FrameworkStep step)
    {
        ref var known = ref _presence[(int)step];
        known ??= Math.Min(1, _context.Substance(step.ToSet()).Words / PresenceWords);
        return known.Value;
    }
}
