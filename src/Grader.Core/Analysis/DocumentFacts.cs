using System.Collections.Immutable;
using Grader.Core.Parsing;
using Grader.Core.Text;

namespace Grader.Core.Analysis;

/// <summary>Per-document facts that do not depend on the rubric: stemmed units and text addressed to a grader.</summary>
public sealed class DocumentFacts
{
    private readonly StemmedText?[] _stems;
    private readonly Quantity[]?[] _quantities;
    private ImmutableArray<InjectionHit>? _injections;
    private bool[]? _excluded;

    public DocumentFacts(DesignDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        Document = document;
        _stems = new StemmedText?[document.Units.Length];
        _quantities = new Quantity[]?[document.Units.Length];
    }

    public DesignDocument Document { get; }

    public ImmutableArray<InjectionHit> Injections => _injections ??= InjectionScanner.Scan(Document.Source);

    /// <summary>Stemmed tokens of a unit, computed once.</summary>
    public StemmedText Stems(int unit) => _stems[unit] ??= Stemmer.Tokens(Document.Units[unit].Content.Span);

    /// <summary>Numbers with units in a unit, found once however many criteria ask.</summary>
    public Quantity[] Quantities(int unit) => _quantities[unit] ??= Text.Quantities.Find(Document.Units[unit].Content);

    /// <summary>True for units that may never earn credit: text addressed to a grader.</summary>
    public bool IsExcluded(int unit)
    {
        if (_excluded is null)
        {
            var excluded = new bool[Document.Units.Length];
            if (!Injections.IsEmpty)
            {
                // A unit is excluded when one of its lines lies in a hit: count the hit lines up to each line once, so
                // the work is lines + units + hits, not units x hits.
                var lines = Document.Source.LineCount;
                var starts = new int[lines + 2];
                foreach (var hit in Injections)
                {
                    starts[Math.Clamp(hit.Span.Line, 1, lines)]++;
                    starts[Math.Clamp(hit.Span.EndLine, 1, lines) + 1]--;
                }

                var hitLinesUpTo = new int[lines + 1];
                for (int line = 1, open = 0; line <= lines; line++)
                {
                    open += starts[line];
                    hitLinesUpTo[line] = hitLinesUpTo[line - 1] + (open > 0 ? 1 : 0);
                }

                foreach (var u in Document.Units.Where(u => u.Span.Line >= 1))
                {
                    var first = Math.Clamp(u.Span.Line, 1, lines);
                    var last = Math.Clamp(u.Span.EndLine, first, lines);
                    excluded[u.Index] = hitLinesUpTo[last] - hitLinesUpTo[first - 1] > 0;
                }
            }

            _excluded = excluded;
        }

        return _excluded[unit];
    }
}
