using System.Collections.Immutable;
using Grader.Core.Analyzers.Content;
using Grader.Core.Analyzers.Integrity;
using Grader.Core.Analyzers.Structure;

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
}
