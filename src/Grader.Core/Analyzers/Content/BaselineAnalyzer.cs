using System.Collections.Immutable;
using Grader.Core.Analysis;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;

namespace Grader.Core.Analyzers.Content;

/// <summary>Flags a model step that jumps to a complex model without a simple baseline first.</summary>
public sealed class BaselineAnalyzer : IDocumentAnalyzer
{
    public static DiagnosticDescriptor Descriptor { get; } = new(
        DiagnosticIds.NoBaseline,
        "No baseline model",
        "No simple baseline is proposed (a heuristic, popularity, or logistic regression) to measure the main model against",
        Categories.Model,
        Severity.Warning);

    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptor];

    public void Analyze(AnalysisContext context)
    {
        if (!context.Map[FrameworkStep.Model].IsPresent)
        {
            return;
        }

        // A baseline may be proposed anywhere; a sentence either says "baseline" or starts with a simple model.
        foreach (var unit in context.Decisive)
        {
            var stems = context.Stems(unit.Index);
            if (Lexicons.Baseline.Contains(stems) || (Lexicons.SimpleModels.Contains(stems) && Lexicons.Starting.Contains(stems)))
            {
                return;
            }
        }

        context.Report(Descriptor, context.StepAnchor(FrameworkStep.Model), FrameworkStep.Model);
    }
}
