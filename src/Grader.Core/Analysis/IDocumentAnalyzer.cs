using System.Collections.Immutable;
using Grader.Core.Diagnostics;

namespace Grader.Core.Analysis;

/// <summary>A stateless rule over one document. Findings go through <see cref="AnalysisContext.Report"/>; never throw to report.</summary>
public interface IDocumentAnalyzer
{
    ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    void Analyze(AnalysisContext context);
}
