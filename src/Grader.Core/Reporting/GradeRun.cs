using System.Collections.Immutable;
using Grader.Core.Analysis;
using Grader.Core.Diagnostics;

namespace Grader.Core.Reporting;

/// <summary>Everything one invocation produced, in input order: what report writers render.</summary>
public sealed record GradeRun(ImmutableArray<GradeResult> Results, ImmutableArray<ReadError> Errors)
{
    /// <summary>Every rule Grader can report, for report formats that carry rule metadata (SARIF).</summary>
    public static ImmutableArray<DiagnosticDescriptor> Rules => AnalyzerRegistry.AllDescriptors;
}

/// <summary>Renders a run in one format. Writers are stateless; the CLI writes their bytes atomically.</summary>
public interface IReportWriter
{
    /// <summary>The --format name, e.g. "sarif".</summary>
    string Format { get; }

    void Write(Stream stream, GradeRun run);
}
