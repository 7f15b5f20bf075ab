using System.Collections.Immutable;
using Grader.Core.Analysis;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;
using Grader.Core.Parsing;

namespace Grader.Core.Analyzers.Content;

/// <summary>Flags answers that never weigh one option against another ("X rather than Y because ...", pros/cons).</summary>
public sealed class TradeOffAnalyzer : IDocumentAnalyzer
{
    /// <summary>One contrast can be an accident; two show a habit of reasoning.</summary>
    public const int MinTradeOffs = 2;

    public static DiagnosticDescriptor Descriptor { get; } = new(
        DiagnosticIds.NoTradeOffs,
        "No trade-off reasoning",
        "The answer weighs no alternatives; say what you chose rather than what, and why (a pros/cons table also works)",
        Categories.Reasoning,
        Severity.Warning);

    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptor];

    public void Analyze(AnalysisContext context)
    {
        var count = context.Decisive.Count(u => Lexicons.TradeOffs.Contains(context.Stems(u.Index)));

        // A table whose rows contrast options (a pros/cons table) counts as trade-off reasoning.
        count += context.Document.Units.Count(u => u.Kind == UnitKind.TableRow && !context.IsExcluded(u.Index)
            && Lexicons.TradeOffs.Contains(context.Stems(u.Index)));
        if (count < MinTradeOffs)
        {
            context.Report(Descriptor, context.StepAnchor(FrameworkStep.Model), FrameworkStep.Model);
        }
    }
}
