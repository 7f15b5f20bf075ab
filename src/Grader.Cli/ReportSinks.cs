using System.Text;
using Grader.Core;
using Grader.Core.Diagnostics;
using Grader.Core.IO;
using Grader.Core.Reporting;

namespace Grader.Cli;

/// <summary>What a batch keeps of each answer after it is reported: enough for the summary table, CSV and gates.</summary>
internal sealed record SummaryRow(string Path, string Problem, string Source, double Score, string Band, int Errors, int Warnings, int Suppressed);

/// <summary>
/// Where one --format goes. Answers arrive one at a time, in input order; errors and the summary at the end.
/// A sink that fails (a full disk, a writer bug) stops alone and says why in <see cref="Failure"/>: the other
/// reports are still written, and the run's exit code says one was lost.
/// </summary>
internal abstract class ReportSink : IDisposable
{
    private readonly string _format;
    private readonly string? _file;
    private readonly TextWriter _stdout;
    private AtomicFile? _target;

    protected ReportSink(string format, string? file, TextWriter stdout)
    {
        _format = format;
        _stdout = stdout;
        _file = file is null ? null : Path.GetFullPath(file);
        Output = Stream.Null;
        if (_file is not null)
        {
            Guard(() =>
            {
                _target = AtomicFile.Create(_file);
                Output = _target.Stream;
            });
        }
        else
        {
            Output = new MemoryStream();
        }
    }

    /// <summary>Why this report was not written (or only partly, on standard output); null while all is well.</summary>
    public string? Failure { get; private set; }

    /// <summary>True when the failure came from the file system rather than from Grader itself.</summary>
    public bool FailedOnInputOutput { get; private set; }

    /// <summary>Bytes go here; for standard output they are passed on at each <see cref="Flush"/>.</summary>
    protected Stream Output { get; private set; }

    /// <summary>A sink for the writer of <paramref name="format"/>: answer by answer if the writer can, else the whole run at the end.</summary>
    public static ReportSink Create(string format, string? file, TextWriter stdout, Uri? helpBase, bool summary, bool color = false) =>
        ReportOutputs.Writer(format, summary, color) switch
        {
            IIncrementalReportWriter incremental => new IncrementalSink(incremental, file, stdout, helpBase),
            var whole => new BufferedSink(whole, file, stdout, helpBase),
        };

    public void Add(GradeResult result) => Guard(() => AddCore(result));

    /// <summary>Renders the end of the report, then puts the file in place (see <see cref="AtomicFile"/>), so nobody sees half a report.</summary>
    public void Complete(IReadOnlyList<ReadError> errors, Provenance? provenance, IReadOnlyList<GateFailure> gates) => Guard(() =>
    {
        CompleteCore(errors, provenance, gates);
        Flush();
        _target?.Commit();
    });

    public void Dispose()
    {
        Output.Dispose();
        _target?.Dispose();
    }

    protected abstract void AddCore(GradeResult result);

    protected abstract void CompleteCore(IReadOnlyList<ReadError> errors, Provenance? provenance, IReadOnlyList<GateFailure> gates);

    protected void Flush()
    {
        if (_file is null && Output is MemoryStream buffer && buffer.Length > 0)
        {
            _stdout.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            _stdout.Flush();
            buffer.SetLength(0);
        }
    }

    private void Guard(Action action)
    {
        if (Failure is not null)
        {
            return;
        }

        try
        {
            action();
        }
#pragma warning disable CA1031 // One report failing must not take the others with it; the failure is reported, not hidden.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            FailedOnInputOutput = ex is IOException or UnauthorizedAccessException;
            var where = _file is null ? "standard output" : UntrustedText.Visible(_file);
            Failure = $"{_format} report to {where} not written: {ex.GetType().Name}: {UntrustedText.Visible(ex.Message)}";
        }
    }

    // JSON and console reports are written as answers arrive, so a batch of any size holds one answer at a time.
    private sealed class IncrementalSink : ReportSink
    {
        private readonly IIncrementalReport _report;
        private readonly Uri? _helpBase;

        public IncrementalSink(IIncrementalReportWriter writer, string? file, TextWriter stdout, Uri? helpBase)
            : base(writer.Format, file, stdout)
        {
            _helpBase = helpBase;
            _report = writer.Start(Output, helpBase);
        }

        protected override void AddCore(GradeResult result)
        {
            _report.Add(result);
            Flush();
        }

        protected override void CompleteCore(IReadOnlyList<ReadError> errors, Provenance? provenance, IReadOnlyList<GateFailure> gates)
        {
            _report.Complete(new GradeRun([], [.. errors], _helpBase, provenance, [.. gates]));
            _report.Dispose();
        }
    }

    // SARIF, JUnit, Markdown, GitHub and HTML need the whole run at once: they keep each answer without its parse tree.
    private sealed class BufferedSink(IReportWriter writer, string? file, TextWriter stdout, Uri? helpBase) : ReportSink(writer.Format, file, stdout)
    {
        private readonly List<GradeResult> _results = [];

        protected override void AddCore(GradeResult result) => _results.Add(result.Compact());

        protected override void CompleteCore(IReadOnlyList<ReadError> errors, Provenance? provenance, IReadOnlyList<GateFailure> gates) =>
            writer.Write(Output, new GradeRun([.. _results], [.. errors], helpBase, provenance, [.. gates]));
    }
}

internal static class SummaryRows
{
    public static SummaryRow Of(GradeResult r)
    {
        var active = r.Diagnostics.Where(d => !d.IsSuppressed).ToList();
        return new SummaryRow(r.Path, r.Problem.Id, r.Problem.Source, r.Score.Total, r.Score.Band,
            active.Count(d => d.Severity == Severity.Error), active.Count(d => d.Severity == Severity.Warning), r.Diagnostics.Count(d => d.IsSuppressed));
    }
}
