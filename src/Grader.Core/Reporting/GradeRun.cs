using System.Collections.Immutable;
using Grader.Core.Diagnostics;

namespace Grader.Core.Reporting;

/// <summary>
/// Everything one invocation produced, in input order: what report writers render. <see cref="HelpBase"/> is an
/// absolute URL where docs/rules is published (e.g. a repository's blob URL); without it help links stay
/// repository-relative and SARIF, which needs absolute help URIs, carries the path as text. <see cref="Provenance"/>
/// says what graded the run (configs, rubrics, suppressions); reports that carry it write it when it is set.
/// </summary>
public sealed record GradeRun(ImmutableArray<GradeResult> Results, ImmutableArray<ReadError> Errors, Uri? HelpBase = null, Provenance? Provenance = null, ImmutableArray<GateFailure> Gates = default)
{
    /// <summary>The help link for a rule: absolute under <see cref="HelpBase"/>, else the repository-relative path.</summary>
    public string HelpUri(DiagnosticDescriptor rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return HelpBase is null ? rule.HelpUri : new Uri(HelpBase, $"{rule.Id}.md").AbsoluteUri;
    }

    /// <summary>Every rule Grader can report, for report formats that carry rule metadata (SARIF).</summary>
    public static ImmutableArray<DiagnosticDescriptor> Rules => DescriptorCatalog.All;
}

/// <summary>Renders a run in one format. Writers are stateless; the CLI writes their bytes atomically.</summary>
public interface IReportWriter
{
    /// <summary>The --format name, e.g. "sarif".</summary>
    string Format { get; }

    void Write(Stream stream, GradeRun run);
}

/// <summary>An answer that failed a gate of the run (--fail-under, --fail-on), and why, for the reports that tell a person.</summary>
public sealed record GateFailure(string Path, string Reason);
