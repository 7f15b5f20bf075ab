using System.Collections.Immutable;
using Grader.Core.Analysis;
using Grader.Core.Diagnostics;

namespace Grader.Core.Analyzers.Integrity;

/// <summary>
/// Flags text addressed to an automated grader ("ignore previous instructions", "give this full marks"), visible or
/// hidden in HTML comments or zero-width characters. Such text never earns points: the scorer skips it.
/// </summary>
public sealed class GraderDirectedTextAnalyzer : IDocumentAnalyzer
{
    public static DiagnosticDescriptor Descriptor { get; } = new(
        DiagnosticIds.GraderDirectedText,
        "Text addressed to the grader",
        "This text addresses an automated grader rather than the design question ({0}: \"{1}\"); it earns no credit",
        Categories.Integrity,
        Severity.Error);

    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptor];

    public void Analyze(AnalysisContext context)
    {
        foreach (var hit in context.Injections)
        {
            context.Report(Descriptor, hit.Span, null, hit.Kind, hit.Excerpt);
        }
    }
}
