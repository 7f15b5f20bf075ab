using System.Collections.Immutable;
using Grader.Core.Analysis;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;

namespace Grader.Core.Analyzers.Content;

/// <summary>Flags answers that do not say how the model degrades (drift) or how it is kept fresh (retraining).</summary>
public sealed class DriftRetrainingAnalyzer : IDocumentAnalyzer
{
    public static DiagnosticDescriptor Descriptor { get; } = new(
        DiagnosticIds.NoDriftOrRetraining,
        "No drift or retraining plan",
        "The answer has no {0}; say how you detect the model going stale and when and how it is retrained and re-validated",
        Categories.Monitoring,
        Severity.Warning);

    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptor];

    public void Analyze(AnalysisContext context)
    {
        var drift = context.Decisive.Any(u => Lexicons.Drift.Contains(context.Stems(u.Index)));
        var retraining = context.Decisive.Any(u => Lexicons.Retraining.Contains(context.Stems(u.Index)));
        var missing = (drift, retraining) switch
        {
            (false, false) => "drift detection and no retraining plan",
            (false, true) => "drift detection",
            (true, false) => "retraining plan",
            _ => null,
        };
        if (missing is not null)
        {
            context.Report(Descriptor, context.StepAnchor(FrameworkStep.Monitoring), FrameworkStep.Monitoring, missing);
        }
    }
}
