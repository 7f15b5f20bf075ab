using System.Collections.Immutable;
using Grader.Core.Analyzers.Content;
using Grader.Core.Analyzers.Integrity;
using Grader.Core.Analyzers.Structure;
using Grader.Core.Diagnostics;

namespace Grader.Core.Analysis;

/// <summary>The explicit list of analyzers, in the order they run. A catalog test keeps it complete.</summary>
public static class AnalyzerRegistry
{
    public static ImmutableArray<IDocumentAnalyzer> Analyzers { get; } =
    [
        new StepMissingAnalyzer(),
        new StepHollowAnalyzer(),
        new StepOrderAnalyzer(),
        new QuantifiedRequirementsAnalyzer(),
        new BaselineAnalyzer(),
        new ModelJustificationAnalyzer(),
        new TradeOffAnalyzer(),
        new MetricPairingAnalyzer(),
        new RolloutAnalyzer(),
        new DriftRetrainingAnalyzer(),
        new KeywordStuffingAnalyzer(),
        new ProseStuffingAnalyzer(),
        new GraderDirectedTextAnalyzer(),
    ];

    // Forwarders for code other passes are changing in parallel (Configuration/, ExplainCommand, RubricsCommand);
    // remove once those read DescriptorCatalog.
    public static ImmutableArray<DiagnosticDescriptor> AllDescriptors => DescriptorCatalog.All;

    public static IReadOnlySet<string> Ids => DescriptorCatalog.Ids;

    public static DiagnosticDescriptor? Find(string id) => DescriptorCatalog.Find(id);
}
