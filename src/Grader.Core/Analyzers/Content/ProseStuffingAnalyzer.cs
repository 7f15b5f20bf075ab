using System.Collections.Immutable;
using Grader.Core.Analysis;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;
using Grader.Core.Parsing;

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
            // Counted, not listed: only the first enumerating sentence is reported.
            int named = 0, enumerating = 0;
            TextUnit? first = null;
            foreach (var unit in context.ProseIn(step))
            {
                if (context.ConceptsIn(unit.Index).Terms.IsEmpty)
                {
                    continue;
                }

                named++;
                if (!context.IsDecisive(unit.Index))
                {
                    enumerating++;
                    first ??= unit;
                }
            }

            if (enumerating >= MinSentences && enumerating >= named * MinShare)
            {
                context.Report(Descriptor, first!.Span, step, enumerating, named, step.ToId());
            }
        }
    }
}
