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
        "This text reads as addressed to an automated grader, not the design question, because {0}: \"{1}\"; it earns no credit (if it is part of the design, suppress this finding with a reason and report it)",
        Categories.Integrity,
        Severity.Error);

    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptor];

    public void Analyze(AnalysisContext context)
    {
        foreach (var hit in context.Injections)
        {
            context.Report(Descriptor, hit.Span, null, hit.Why, hit.Excerpt);
        }
    }
}
