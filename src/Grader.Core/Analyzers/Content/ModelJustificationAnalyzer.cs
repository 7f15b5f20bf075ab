using System.Collections.Immutable;
using Grader.Core.Analysis;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;

namespace Grader.Core.Analyzers.Content;

/// <summary>Flags models that are named without a reason ("use a transformer"): name-dropping is not design.</summary>
public sealed class ModelJustificationAnalyzer : IDocumentAnalyzer
{
    public static DiagnosticDescriptor Descriptor { get; } = new(
        DiagnosticIds.ModelWithoutReason,
        "Model named without a reason",
        "'{0}' is named without a reason; say why it fits (data size, latency, interpretability) and what it costs",
        Categories.Model,
        Severity.Warning);

    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptor];

    public void Analyze(AnalysisContext context)
    {
        // Sentences only: a bare list of model names is keyword stuffing (MLSD0901), judged there, so that cutting
        // such a list never raises the score.
        var units = context.UnitsIn(FrameworkStep.Model).Where(u => !context.IsExcluded(u.Index) && u.IsProse).ToList();
        var named = 0;
        var justified = 0;
        (Parsing.TextUnit Unit, string Name)? firstUnjustified = null;
        for (var i = 0; i < units.Count; i++)
        {
            var match = Lexicons.ModelNames.Matches(context.Stems(units[i].Index)).FirstOrDefault();
            if (match.Key is null)
            {
                continue;
            }

            named++;

            // The reason may sit in the same sentence or the one next to it, within the same block.
            var reasoned = Enumerable.Range(i - 1, 3)
                .Where(j => j >= 0 && j < units.Count && units[j].Block == units[i].Block)
                .Any(j => context.IsDecisive(units[j].Index) && Lexicons.Reasons.Contains(context.Stems(units[j].Index)));
            if (reasoned)
            {
                justified++;
            }
            else
            {
                firstUnjustified ??= (units[i], match.Key);
            }
        }

        if (named > 0 && justified * 2 < named && firstUnjustified is { } first)
        {
            context.Report(Descriptor, first.Unit.Span, FrameworkStep.Model, first.Name);
        }
    }
}
