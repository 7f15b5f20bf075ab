using System.Collections.Immutable;
using Grader.Core.Analysis;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;
using Grader.Core.Text;

namespace Grader.Core.Analyzers.Content;

/// <summary>Flags requirements that give no number with a unit for scale or speed (users, QPS, items, latency, storage).</summary>
public sealed class QuantifiedRequirementsAnalyzer : IDocumentAnalyzer
{
    private static readonly QuantityKind[] ScaleKinds = [QuantityKind.Users, QuantityKind.Throughput, QuantityKind.Items, QuantityKind.Latency, QuantityKind.Storage];

    public static DiagnosticDescriptor Descriptor { get; } = new(
        DiagnosticIds.NoQuantifiedRequirements,
        "Requirements give no numbers",
        "Requirements name no scale or latency figure; state e.g. daily users, catalogue size, QPS or a p99 budget in ms",
        Categories.Requirements,
        Severity.Warning);

    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptor];

    public void Analyze(AnalysisContext context)
    {
        // Only the requirements step counts: a capacity table under serving does not scope the problem.
        if (!context.Map[FrameworkStep.Requirements].IsPresent)
        {
            return;
        }

        var quantified = context.UnitsIn(FrameworkStep.Requirements)
            .Where(u => !context.IsExcluded(u.Index))
            .Any(u => context.Facts.Quantities(u.Index).Any(q => ScaleKinds.Contains(q.Kind)));
        if (!quantified)
        {
            context.Report(Descriptor, context.StepAnchor(FrameworkStep.Requirements), FrameworkStep.Requirements);
        }
    }
}
