using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;
using Grader.Core.Parsing;
using Grader.Core.Rubrics;
using Grader.Core.Text;

namespace Grader.Core.Analysis;

/// <summary>Everything an analyzer may read about one document, plus the sink for its findings.</summary>
public sealed class AnalysisContext
{
    private readonly List<Diagnostic> _diagnostics = [];
    private double[]? _enumeration;
    private Dictionary<StepSet, (IReadOnlyList<TextUnit> Units, double Words)>? _substance;

    private int[]? _sameText;

    /// <summary>Analysis reads the step map the mapping stage decided; it never maps again.</summary>
    public AnalysisContext(ConceptFacts concepts, StepMap map)
    {
        ArgumentNullException.ThrowIfNull(concepts);
        ArgumentNullException.ThrowIfNull(map);
        Concepts = concepts;
        Map = map;
    }

    public ConceptFacts Concepts { get; }

    public DocumentFacts Facts => Concepts.Facts;

    public DesignDocument Document => Facts.Document;

    public CompiledRubric Compiled => Concepts.Compiled;

    public Rubric Rubric => Compiled.Rubric;

    public StepMap Map { get; }

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    public ImmutableArray<InjectionHit> Injections => Facts.Injections;

    public StemmedText Stems(int unit) => Facts.Stems(unit);

    public bool IsExcluded(int unit) => Facts.IsExcluded(unit);

    public IEnumerable<TextUnit> UnitsIn(FrameworkStep step) => Map[step].Units.Select(i => Document.Units[i]);

    public IEnumerable<TextUnit> ProseIn(FrameworkStep step) => UnitsIn(step).Where(u => u.IsProse && !IsExcluded(u.Index));

    /// <summary>
    /// The prose of some steps, each distinct sentence once (repeating a paragraph adds no substance), and the words
    /// they are worth as substance (see <see cref="SubstanceCredit"/>).
    /// </summary>
    public (IReadOnlyList<TextUnit> Units, double Words) Substance(StepSet steps)
    {
        // Asked for by every substance criterion and every step's presence: worked out once per set of steps.
        _substance ??= [];
        if (_substance.TryGetValue(steps, out var known))
        {
            return known;
        }

        // Each text once (a unit under several of the steps is one text), words summed in the order found.
        // Sized for every unit of the steps, so it never grows.
        var most = 0;
        foreach (var step in steps.Steps())
        {
            most += Map[step].Units.Length;
        }

        var units = new List<TextUnit>(most);
        var sameText = SameText();
        var taken = new bool[Document.Units.Length];
        var words = 0.0;
        foreach (var step in steps.Steps())
        {
            foreach (var index in Map[step].Units)
            {
                var unit = Document.Units[index];
                if (unit.IsProse && !IsExcluded(index) && !taken[sameText[index]])
                {
                    taken[sameText[index]] = true;
                    units.Add(unit);
                    words += unit.WordCount * SubstanceCredit(index);
                }
            }
        }

        var result = (units, words);
        _substance[steps] = result;
        return result;
    }

    public IEnumerable<TextUnit> Prose => Document.Units.Where(u => u.IsProse && !IsExcluded(u.Index) && !Map.IgnoredSections[u.Section]);

    /// <summary>Prose that decides rather than enumerates (see <see cref="Enumeration"/>): where a practice counts as proposed.</summary>
    public IEnumerable<TextUnit> Decisive => Prose.Where(u => IsDecisive(u.Index));

    public bool IsDecisive(int unit) => EnumerationCredit(unit) >= 1;

    /// <summary>
    /// The rubric's concepts a unit names, as terms (with their token spans, for term density) and as descriptions:
    /// matched once per unit however many criteria, analyzers and credits ask.
    /// </summary>
    public UnitConcepts ConceptsIn(int unit) => Concepts.ConceptsIn(unit);

    /// <summary>
    /// What this unit's words are worth as substance: its <see cref="EnumerationCredit"/>, halved for a sentence that
    /// names no concept and decides nothing ("It is important to think about all of these aspects together").
    /// </summary>
    public double SubstanceCredit(int unit)
    {
        var generic = !ConceptsIn(unit).Any && !Enumeration.IsDecision(Document.Units[unit], Stems(unit));
        return EnumerationCredit(unit) * (generic ? 0.5 : 1);
    }

    /// <summary>What a mention in this unit is worth as a decision (1 unless it strings concepts together), computed once.</summary>
    public double EnumerationCredit(int unit)
    {
        _enumeration ??= new double[Document.Units.Length];
        if (_enumeration[unit] == 0)
        {
            var concepts = DistinctConcepts(ConceptsIn(unit).Terms);
            _enumeration[unit] = Enumeration.Credit(Document.Units[unit], Stems(unit), concepts);
        }

        return _enumeration[unit];
    }

    // Per prose unit, the first prose unit with the same text as repetition is judged (trimmed, case ignored), worked
    // out once however many sets of steps ask.
    private int[] SameText()
    {
        if (_sameText is null)
        {
            // The thread's table, told this document's units: a table of its own per document was 1 % of what grading
            // a typical answer allocated.
            var comparer = t_sameTextComparer ??= new SameTextComparer();
            var first = t_sameTextFirst ??= new Dictionary<int, int>(comparer);
            comparer.Units = Document.Units;
            _sameText = new int[Document.Units.Length];
            foreach (var unit in Document.Units)
            {
                if (unit.IsProse)
                {
                    ref var index = ref CollectionsMarshal.GetValueRefOrAddDefault(first, unit.Index, out var seen);
                    index = seen ? index : unit.Index;
                    _sameText[unit.Index] = index;
                }
            }

            // A table a huge answer grew is not kept for the thread's life.
            t_sameTextFirst = first.Count <= MaxKeptSameText ? first : null;
            first.Clear();
            comparer.Units = default;
        }

        return _sameText;
    }

    internal static int DistinctConcepts(ImmutableArray<((int Set, int Concept) Key, int Start, int Length)> terms)
    {
        if (terms.Length > 16)
        {
            // Sorted keys, counted where they change: no set to allocate for a long row of terms.
            Span<long> keys = terms.Length <= 256 ? stackalloc long[terms.Length] : new long[terms.Length];
            for (var i = 0; i < terms.Length; i++)
            {
                keys[i] = ((long)terms[i].Key.Set << 32) | (uint)terms[i].Key.Concept;
            }

            keys.SortAscending();
            var distinct = 1;
            for (var i = 1; i < keys.Length; i++)
            {
                distinct += keys[i] != keys[i - 1] ? 1 : 0;
            }

            return distinct;
        }

        var count = 0;
        for (var i = 0; i < terms.Length; i++)
        {
            var first = true;
            for (var j = 0; j < i && first; j++)
            {
                first = terms[j].Key != terms[i].Key;
            }

            count += first ? 1 : 0;
        }

        return count;
    }

    /// <summary>Where an absence in a step is reported: the step's heading, else its first text, else nowhere ("not found").</summary>
    public SourceSpan StepAnchor(FrameworkStep step) =>
        Map[step].HeadingSection is { } section ? Document.Sections[section].HeadingSpan
        : Map[step].Units.IsEmpty ? SourceSpan.None : Document.Units[Map[step].Units[0]].Span;

    public bool Fired(string id) => _diagnostics.Exists(d => d.Id == id);

    public void Report(DiagnosticDescriptor descriptor, SourceSpan span, FrameworkStep? step, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        _diagnostics.Add(new Diagnostic(descriptor, descriptor.DefaultSeverity, span, descriptor.Format(args), step));
    }

    internal void Add(Diagnostic diagnostic) => _diagnostics.Add(diagnostic);

    private const int MaxKeptSameText = 1 << 12;

    [ThreadStatic]
    private static SameTextComparer? t_sameTextComparer;

    [ThreadStatic]
    private static Dictionary<int, int>? t_sameTextFirst;

    // Units of the document being read, by index, equal when their texts are (trimmed, case ignored), read in place.
    private sealed class SameTextComparer : IEqualityComparer<int>
    {
        public ImmutableArray<TextUnit> Units { get; set; }

        public bool Equals(int x, int y) => TrimmedIgnoreCase.Same(Units[x].Content.Span, Units[y].Content.Span);

        public int GetHashCode(int obj) => TrimmedIgnoreCase.Hash(Units[obj].Content.Span);
    }
}

/// <summary>Concepts one unit names: term matches (key, first token, token count) and described concepts.</summary>
public sealed record UnitConcepts(
    ImmutableArray<((int Set, int Concept) Key, int Start, int Length)> Terms,
    ImmutableArray<(int Set, int Concept)> Described)
{
    /// <summary>What a unit that names no concept has: one instance for all of them.</summary>
    public static UnitConcepts None { get; } = new([], []);

    public bool Any => !Terms.IsEmpty || !Described.IsEmpty;
}
