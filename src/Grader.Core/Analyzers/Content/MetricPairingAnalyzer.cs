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
        // A metric named anywhere in the step (a list item too) is named: the criteria say "named only in a list" for
        // those, and this finding must not claim a kind of metric is absent beside them.
        var units = context.Map[FrameworkStep.Evaluation].IsPresent
            ? context.UnitsIn(FrameworkStep.Evaluation).Where(u => u.Kind != Parsing.UnitKind.Heading && !context.IsExcluded(u.Index))
            : context.Prose;

        // What counts as an offline or an online metric is what the rubric's metric criteria accept, so this finding
        // and theirs agree ("accuracy" is no offline metric where the rubric calls it a mistake); the lexicons serve
        // rubrics without such criteria.
        var (offlineSets, onlineSets) = MetricSets(context.Compiled);
        var offline = false;
        var online = false;
        foreach (var unit in units)
        {
            if (offlineSets.Count == 0 || onlineSets.Count == 0)
            {
                var stems = context.Stems(unit.Index);
                offline |= Lexicons.OfflineMetrics.Contains(stems);
                online |= Lexicons.OnlineMetrics.Contains(stems);
                continue;
            }

            var (terms, described) = context.ConceptsIn(unit.Index);
            foreach (var (key, _, _) in terms)
            {
                offline |= offlineSets.Contains(key.Set);
                online |= onlineSets.Contains(key.Set);
            }

            foreach (var (set, _) in described)
            {
                offline |= offlineSets.Contains(set);
                online |= onlineSets.Contains(set);
            }
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

    private static (HashSet<int> Offline, HashSet<int> Online) MetricSets(Rubrics.CompiledRubric compiled)
    {
        var offline = new HashSet<int>();
        var online = new HashSet<int>();
        for (var i = 0; i < compiled.ConceptSets.Length; i++)
        {
            var criterion = compiled.ConceptSets[i].Criterion;
            if (criterion is Rubrics.Kinds.MetricPairingCriterion pairing)
            {
                offline.Add(compiled.SetIndex(pairing, 0));
                online.Add(compiled.SetIndex(pairing, 1));
            }
            else if (criterion.Id == "evaluation.offline")
            {
                offline.Add(i);
            }
            else if (criterion.Id == "evaluation.online")
            {
                online.Add(i);
            }
        }

        return (offline, online);
    }
}
