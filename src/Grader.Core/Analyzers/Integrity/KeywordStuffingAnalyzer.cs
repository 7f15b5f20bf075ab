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
        var terms = context.Compiled.AllTerms;
        var document = context.Document;
        foreach (var section in document.Sections)
        {
            var units = document.Units.Where(u => u.Section == section.Index && u.Kind != UnitKind.Heading).ToList();
            var bare = units.Where(u => !u.IsProse).ToList();
            var proseWords = units.Where(u => u.IsProse).Sum(u => u.WordCount);
            var bareWords = bare.Sum(u => u.WordCount);

            // Feature lists under a paragraph of explanation are fine; a section that is mostly bare terms is not.
            if (bare.Count == 0 || proseWords >= bareWords)
            {
                continue;
            }

            var hits = bare.SelectMany(u => terms.Matches(context.Stems(u.Index)).Select(m => m.Key)).Distinct(StringComparer.Ordinal).Count();
            if (hits >= MinTerms)
            {
                var first = bare[0].Span;
                var last = bare[^1].Span;
                context.Report(Descriptor, new SourceSpan(first.Line, first.Column, last.EndLine, last.EndColumn), null, hits);
            }
        }
    }
}
