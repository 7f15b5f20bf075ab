using System.Collections.Immutable;
using Grader.Core.Analysis;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;

namespace Grader.Core.Analyzers.Content;

/// <summary>Flags answers that ship a model with no safe rollout (shadow, canary, A/B test) and no way back.</summary>
public sealed class RolloutAnalyzer : IDocumentAnalyzer
{
    public static DiagnosticDescriptor Descriptor { get; } = new(
        DiagnosticIds.NoRolloutPlan,
        "No rollout or rollback plan",
        "Nothing says how a new model reaches users safely; describe shadow or canary deployment, the A/B test that decides, and rollback",
        Categories.Serving,
        Severity.Warning);

    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptor];

    public void Analyze(AnalysisContext context)
    {
        if (!context.Decisive.Any(u => Lexicons.Rollout.Contains(context.Stems(u.Index))))
        {
            context.Report(Descriptor, context.StepAnchor(FrameworkStep.Serving), FrameworkStep.Serving);
        }
    }
}
