using System.Text;
using Grader.Core;
using Grader.Core.Diagnostics;
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
    private readonly string? _temp;
    private readonly TextWriter _stdout;

    protected ReportSink(string format, string? file, TextWriter stdout)
    {
        _format = format;
        _stdout = stdout;
        _file = file is null ? null : Path.GetFullPath(file);
        Output = Stream.Null;
        if (_file is not null)
        {
            _temp = Path.Combine(Path.GetDirectoryName(_file)!, $".{Path.GetFileName(_file)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
            Guard(() =>
            {
                Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
                Output = new FileStream(_temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
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

    /// <summary>The --format this sink writes.</summary>
    protected string Format => _format;

    /// <summary>Bytes go here; for standard output they are passed on at each <see cref="Flush"/>.</summary>
    protected Stream Output { get; private set; }

    public static ReportSink Create(string format, string? file, TextWriter stdout, Uri? helpBase, bool summary, bool color = false) => format switch
    {
        "json" => new JsonSink(file, stdout, helpBase),
        "console" => new ConsoleSink(file, stdout, summary, color),
        _ => new BufferedSink(format, file, stdout, helpBase, summary),
    };

    public void Add(GradeResult result) => Guard(() => AddCore(result));

    /// <summary>Renders the end of the report, then writes beside the target and renames, so nobody sees half a report.</summary>
    public void Complete(IReadOnlyList<ReadError> errors, IReadOnlyList<SummaryRow> rows, Provenance? provenance, IReadOnlyList<GateFailure> gates) => Guard(() =>
    {
        CompleteCore(errors, rows, provenance, gates);
        Flush();
        if (_file is not null)
        {
            Output.Dispose();
            File.Move(_temp!, _file, overwrite: true);
        }
    });

    public void Dispose()
    {
        Output.Dispose();
        if (_temp is not null && File.Exists(_temp))
        {
            File.Delete(_temp);
        }
    }

    protected abstract void AddCore(GradeResult result);

    protected abstract void CompleteCore(IReadOnlyList<ReadError> errors, IReadOnlyList<SummaryRow> rows, Provenance? provenance, IReadOnlyList<GateFailure> gates);

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

    private sealed class JsonSink : ReportSink
    {
        private readonly JsonReportWriter.IncrementalJson _json;

        public JsonSink(string? file, TextWriter stdout, Uri? helpBase)
            : base("json", file, stdout) => _json = new JsonReportWriter.IncrementalJson(Output, helpBase);

        protected override void AddCore(GradeResult result)
        {
            _json.Add(result);
            Flush();
        }

        protected override void CompleteCore(IReadOnlyList<ReadError> errors, IReadOnlyList<SummaryRow> rows, Provenance? provenance, IReadOnlyList<GateFailure> gates)
        {
            _json.Complete(errors, provenance);
            _json.Dispose();
        }
    }

    private sealed class ConsoleSink(string? file, TextWriter stdout, bool summary, bool color) : ReportSink("console", file, stdout)
    {
        protected override void AddCore(GradeResult result)
        {
            using (var writer = new StreamWriter(Output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" })
            {
                ConsoleReport.WriteResult(writer, result, color);
            }

            Flush();
        }

        protected override void CompleteCore(IReadOnlyList<ReadError> errors, IReadOnlyList<SummaryRow> rows, Provenance? provenance, IReadOnlyList<GateFailure> gates)
        {
            using var writer = new StreamWriter(Output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            ConsoleReport.WriteErrors(writer, errors);
            if (summary)
            {
                ConsoleReport.WriteSummary(writer, rows, errors, color);
            }

            ConsoleReport.WriteProvenance(writer, provenance);
        }
    }

    // SARIF, JUnit, Markdown, GitHub and HTML need the whole run at once: they keep each answer without its parse tree.
    private sealed class BufferedSink(string format, string? file, TextWriter stdout, Uri? helpBase, bool summary) : ReportSink(format, file, stdout)
    {
        private readonly List<GradeResult> _results = [];

        protected override void AddCore(GradeResult result) => _results.Add(result.Compact());

        protected override void CompleteCore(IReadOnlyList<ReadError> errors, IReadOnlyList<SummaryRow> rows, Provenance? provenance, IReadOnlyList<GateFailure> gates)
        {
            var bytes = ReportOutputs.Render(Format, new GradeRun([.. _results], [.. errors], helpBase, provenance, [.. gates]), summary);
            Output.Write(bytes);
        }
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
