using System.Collections.Immutable;
using Grader.Core.Analysis;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;

namespace Grader.Core.Analyzers.Content;

/// <summary>
/// Stuffing in sentences: a step whose sentences string the rubric's concepts together without deciding anything
/// (no figure, reason, alternative or condition; see <see cref="Enumeration"/>). Such sentences earn a share of
/// their concepts' credit; this finding says why, at the first of them.
/// </summary>
public sealed class ProseStuffingAnalyzer : IDocumentAnalyzer
{
    /// <summary>Enumerating sentences a step needs, and their share of its concept sentences, before it is flagged.</summary>
    public const int MinSentences = 2;

    public const double MinShare = 0.5;

    public static DiagnosticDescriptor Descriptor { get; } = new(
        DiagnosticIds.NoDecisions,
        "Concepts named without decisions",
        "{0} of the {1} sentences naming concepts in the '{2}' step string them together without a figure, a reason or an alternative; say what you choose and why (their concepts earn a share of the credit)",
        Categories.Reasoning,
        Severity.Warning,
        "A sentence that lists the right terms, often with 'can' or 'should consider', is a list in prose. Interviewers grade decisions.");

    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptor];

    public void Analyze(AnalysisContext context)
    {
        foreach (var step in FrameworkSteps.All)
        {
            var named = context.ProseIn(step).Where(u => !context.ConceptsIn(u.Index).Terms.IsEmpty).ToList();
            var enumerating = named.Where(u => !context.IsDecisive(u.Index)).ToList();
            if (enumerating.Count >= MinSentences && enumerating.Count >= named.Count * MinShare)
            {
                context.Report(Descriptor, enumerating[0].Span, step, enumerating.Count, named.Count, step.ToId());
            }
        }
    }
}
