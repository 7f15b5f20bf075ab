using System.Collections.Immutable;
using Grader.Core.Parsing;
using Grader.Core.Text;

namespace Grader.Core.Analysis;

/// <summary>Per-document facts that do not depend on the rubric: stemmed units and text addressed to a grader.</summary>
public sealed class DocumentFacts
{
    private readonly string[]?[] _stems;
    private readonly Quantity[]?[] _quantities;
    private ImmutableArray<InjectionHit>? _injections;
    private bool[]? _excluded;

    public DocumentFacts(DesignDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        Document = document;
        _stems = new string[]?[document.Units.Length];
        _quantities = new Quantity[]?[document.Units.Length];
    }

    public DesignDocument Document { get; }

    public ImmutableArray<InjectionHit> Injections => _injections ??= InjectionScanner.Scan(Document.Source);

    /// <summary>Stemmed tokens of a unit, computed once.</summary>
    public string[] Stems(int unit) => _stems[unit] ??= Stemmer.StemAll(Document.Units[unit].Text);

    /// <summary>Numbers with units in a unit, found once however many criteria ask.</summary>
    public Quantity[] Quantities(int unit) => _quantities[unit] ??= [.. Text.Quantities.Find(Document.Units[unit].Text)];

    /// <summary>True for units that may never earn credit: text addressed to a grader.</summary>
    public bool IsExcluded(int unit)
    {
        if (_excluded is null)
        {
            var excluded = new bool[Document.Units.Length];
            foreach (var hit in Injections)
            {
                foreach (var u in Document.Units)
                {
                    if (u.Span.Line <= hit.Span.EndLine && u.Span.EndLine >= hit.Span.Line)
                    {
                        excluded[u.Index] = true;
                    }
                }
            }

            _excluded = excluded;
        }

        return _excluded[unit];
    }
}
