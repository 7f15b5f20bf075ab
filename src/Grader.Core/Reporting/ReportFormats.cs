using System.Collections.Immutable;

namespace Grader.Core.Reporting;

/// <summary>
/// Core's report writers, each named by its <see cref="IReportWriter.Format"/>, in the order help lists them: the one
/// list a host (the CLI adds its console report) takes --format values and writers from.
/// </summary>
public static class ReportFormats
{
    public static ImmutableArray<IReportWriter> Writers { get; } =
    [
        new JsonReportWriter(),
        new SarifReportWriter(),
        new JUnitReportWriter(),
        new MarkdownReportWriter(),
        new GitHubReportWriter(),
        new HtmlReportWriter(),
    ];
}

/// <summary>
/// A writer that can also write a run an answer at a time, as answers are graded, so a batch of any size holds one
/// answer's data rather than all (json, console). Other formats need the whole run at once.
/// </summary>
public interface IIncrementalReportWriter : IReportWriter
{
    /// <summary>Starts a report on <paramref name="stream"/>; help links are absolute under <paramref name="helpBase"/> when given.</summary>
    IIncrementalReport Start(Stream stream, Uri? helpBase);
}

/// <summary>A report being written: <see cref="Add"/> per answer in input order, then <see cref="Complete"/> once.</summary>
public interface IIncrementalReport : IDisposable
{
    void Add(GradeResult result);

    /// <summary>Ends the report with the rest of the run: its errors, provenance and gates (its results were added).</summary>
    void Complete(GradeRun rest);
}
