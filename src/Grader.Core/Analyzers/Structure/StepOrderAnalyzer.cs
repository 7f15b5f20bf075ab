using System.Collections.Immutable;
using Grader.Core.Analysis;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;

namespace Grader.Core.Analyzers.Structure;

/// <summary>A soft signal: steps appear out of framework order (e.g. serving before the model). Costs no points.</summary>
public sealed class StepOrderAnalyzer : IDocumentAnalyzer
{
    public static DiagnosticDescriptor Descriptor { get; } = new(
        DiagnosticIds.StepsOutOfOrder,
        "Steps are out of framework order",
        "The '{0}' step comes before '{1}'; interviewers follow the framework order, so consider moving it",
        Categories.Structure,
        Severity.Info);

    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptor];

    public void Analyze(AnalysisContext context)
    {
        var headed = FrameworkSteps.All
            .Where(s => context.Map[s].HeadingSection is not null)
            .Select(s => (Step: s, Line: context.StepAnchor(s).Line))
            .ToList();
        for (var i = 0; i < headed.Count; i++)
        {
            for (var j = i + 1; j < headed.Count; j++)
            {
                if (headed[j].Line < headed[i].Line)
                {
                    var early = headed[j].Step;
                    context.Report(Descriptor, context.StepAnchor(early), early, early.ToId(), headed[i].Step.ToId());
                    return;
                }
            }
        }
    }
}
