using System.Collections.Immutable;
using Grader.Core.Analysis;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;
using Grader.Core.Parsing;

namespace Grader.Core.Analyzers.Structure;

/// <summary>Flags a framework step the answer never covers, neither under a heading nor in its text.</summary>
public sealed class StepMissingAnalyzer : IDocumentAnalyzer
{
    public static DiagnosticDescriptor Descriptor { get; } = new(
        DiagnosticIds.StepMissing,
        "A framework step is missing",
        "The answer has no '{0}' step; add a section on it",
        Categories.Structure,
        Severity.Warning);

    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptor];

    public void Analyze(AnalysisContext context)
    {
        foreach (var step in FrameworkSteps.All)
        {
            if (!context.Map[step].IsPresent && context.Rubric.Step(step).Weight > 0)
            {
                context.Report(Descriptor, SourceSpan.None, step, context.Rubric.Step(step).Title);
            }
        }
    }
}
