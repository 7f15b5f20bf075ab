using System.Collections.Immutable;
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
    private readonly string[]?[] _stems;
    private ImmutableArray<InjectionHit>? _injections;
    private bool[]? _excluded;

    public AnalysisContext(DesignDocument document, CompiledRubric rubric)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(rubric);
        Document = document;
        Compiled = rubric;
        _stems = new string[]?[document.Units.Length];
        Map = rubric.Mapper.Map(document, Stems);
    }

    public DesignDocument Document { get; }

    public CompiledRubric Compiled { get; }

    public Rubric Rubric => Compiled.Rubric;

    public StepMap Map { get; }

    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics;

    /// <summary>Text addressed to a grader, found once and shared by the integrity analyzer and the scorer.</summary>
    public ImmutableArray<InjectionHit> Injections => _injections ??= InjectionScanner.Scan(Document.Source);

    /// <summary>Stemmed tokens of a unit, computed once.</summary>
    public string[] Stems(int unit) => _stems[unit] ??= Stemmer.StemAll(Document.Units[unit].Text);

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

    public IEnumerable<TextUnit> UnitsIn(FrameworkStep step) => Map[step].Units.Select(i => Document.Units[i]);

    public IEnumerable<TextUnit> ProseIn(FrameworkStep step) => UnitsIn(step).Where(u => u.IsProse && !IsExcluded(u.Index));

    public IEnumerable<TextUnit> Prose => Document.Units.Where(u => u.IsProse && !IsExcluded(u.Index) && !Map.IgnoredSections[u.Section]);

    /// <summary>Where an absence in a step is reported: the step's heading, else nowhere ("not found").</summary>
    public SourceSpan StepAnchor(FrameworkStep step) =>
        Map[step].HeadingSection is { } section ? Document.Sections[section].HeadingSpan : SourceSpan.None;

    public bool Fired(string id) => _diagnostics.Exists(d => d.Id == id);

    public void Report(DiagnosticDescriptor descriptor, SourceSpan span, FrameworkStep? step, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        _diagnostics.Add(new Diagnostic(descriptor, descriptor.DefaultSeverity, span, descriptor.Format(args), step));
    }

    internal void Add(Diagnostic diagnostic) => _diagnostics.Add(diagnostic);
}
