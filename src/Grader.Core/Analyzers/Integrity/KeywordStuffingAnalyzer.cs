using System.Collections.Immutable;
using Grader.Core.Analysis;
using Grader.Core.Diagnostics;
using Grader.Core.Parsing;

namespace Grader.Core.Analyzers.Integrity;

/// <summary>
/// Flags lists of buzzwords standing in for sentences: a section whose text is mostly bare rubric terms. Such terms
/// never earn credit (only prose counts); the finding tells the author why.
/// </summary>
public sealed class KeywordStuffingAnalyzer : IDocumentAnalyzer
{
    private const int MinTerms = 5;

    public static DiagnosticDescriptor Descriptor { get; } = new(
        DiagnosticIds.KeywordStuffing,
        "Buzzword list without sentences",
        "{0} terms are listed here without a sentence explaining any of them; terms earn credit only when the answer says what it does with them",
        Categories.Integrity,
        Severity.Warning);

    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptor];

    public void Analyze(AnalysisContext context)
    {
        var sets = context.Compiled.ConceptSets;
        var document = context.Document;
        // One pass over the units, not one per section: 100,000 headings must not cost 10^10 steps.
        var bareBySection = new List<TextUnit>?[document.Sections.Length];
        var proseWordsBySection = new int[document.Sections.Length];
        foreach (var unit in document.Units)
        {
            if (unit.Kind == UnitKind.Heading)
            {
                continue;
            }

            if (unit.IsProse)
            {
                proseWordsBySection[unit.Section] += unit.WordCount;
            }
            else
            {
                (bareBySection[unit.Section] ??= []).Add(unit);
            }
        }

        foreach (var section in document.Sections)
        {
            // A table of contents or a reading list names terms by design and is not graded.
            var bare = bareBySection[section.Index];
            if (bare is null || context.Map.IgnoredSections[section.Index])
            {
                continue;
            }

            var proseWords = proseWordsBySection[section.Index];
            var bareWords = bare.Sum(u => u.WordCount);

            // Feature lists under a paragraph of explanation are fine; a section that is mostly bare terms is not.
            if (proseWords >= bareWords)
            {
                continue;
            }

            // The concepts its terms name (descriptions are everyday wording, never jargon), by name: one concept may sit in
            // several criteria's sets.
            var hits = bare.SelectMany(u => context.ConceptsIn(u.Index).Terms.Select(m => sets[m.Key.Set].Concepts[m.Key.Concept].Name))
                .Distinct(StringComparer.Ordinal).Count();
            if (hits >= MinTerms)
            {
                var first = bare[0].Span;
                var last = bare[^1].Span;
                context.Report(Descriptor, new SourceSpan(first.Line, first.Column, last.EndLine, last.EndColumn), null, hits);
            }
        }
    }
}
