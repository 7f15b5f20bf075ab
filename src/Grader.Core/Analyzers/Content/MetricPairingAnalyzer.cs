using System.Collections.Immutable;
using Grader.Core.Analysis;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;

namespace Grader.Core.Analyzers.Content;

/// <summary>Flags evaluation that has only offline metrics or only online ones: a strong answer relates the two.</summary>
public sealed class MetricPairingAnalyzer : IDocumentAnalyzer
{
    public static DiagnosticDescriptor OnlyOffline { get; } = new(
        DiagnosticIds.OnlyOfflineMetrics,
        "Only offline metrics",
        "Evaluation names only offline metrics; add the online metric that decides launches (e.g. CTR, watch time, conversion) and how it relates",
        Categories.Evaluation,
        Severity.Warning);

    public static DiagnosticDescriptor OnlyOnline { get; } = new(
        DiagnosticIds.OnlyOnlineMetrics,
        "Only online metrics",
        "Evaluation names only online metrics; add an offline metric that fits the ML task (e.g. ROC-AUC, nDCG, recall@k) to compare models before launch",
        Categories.Evaluation,
        Severity.Warning);

    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [OnlyOffline, OnlyOnline];

    public void Analyze(AnalysisContext context)
    {
        var units = (context.Map[FrameworkStep.Evaluation].IsPresent ? context.ProseIn(FrameworkStep.Evaluation) : context.Prose).Where(u => context.IsDecisive(u.Index));
        var offline = false;
        var online = false;
        foreach (var unit in units)
        {
            var stems = context.Stems(unit.Index);
            offline |= Lexicons.OfflineMetrics.Contains(stems);
            online |= Lexicons.OnlineMetrics.Contains(stems);
        }

        var anchor = context.StepAnchor(FrameworkStep.Evaluation);
        if (offline && !online)
        {
            context.Report(OnlyOffline, anchor, FrameworkStep.Evaluation);
        }
        else if (online && !offline)
        {
            context.Report(OnlyOnline, anchor, FrameworkStep.Evaluation);
        }
    }
}
