using System.Collections.Immutable;
using Grader.Core.Analysis;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;

namespace Grader.Core.Analyzers.Structure;

/// <summary>Flags a step whose heading is there but whose body is empty or a placeholder ("* Monitoring", "TBD").</summary>
public sealed class StepHollowAnalyzer : IDocumentAnalyzer
{
    /// <summary>Fewer prose words than this under a step heading is a placeholder, not an answer.</summary>
    public const int MinProseWords = 15;

    public static DiagnosticDescriptor Descriptor { get; } = new(
        DiagnosticIds.StepHollow,
        "A framework step is hollow",
        "The '{0}' step has a heading but only {1} words of prose under it; write what you would actually do",
        Categories.Structure,
        Severity.Warning);

    public ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [Descriptor];

    public void Analyze(AnalysisContext context)
    {
        foreach (var step in FrameworkSteps.All)
        {
            var coverage = context.Map[step];
            if (coverage.HeadingSection is null)
            {
                continue;
            }

            var words = context.ProseIn(step).Sum(u => u.WordCount);
            if (words < MinProseWords)
            {
                context.Report(Descriptor, context.StepAnchor(step), step, context.Rubric.Step(step).Title, words);
            }
        }
    }
}
