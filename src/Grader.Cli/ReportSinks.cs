using System.Text;
using Grader.Core;
using Grader.Core.Diagnostics;
using Grader.Core.Reporting;

namespace Grader.Cli;

/// <summary>What a batch keeps of each answer after it is reported: enough for the summary table, CSV and gates.</summary>
internal sealed record SummaryRow(string Path, string Problem, string Source, double Score, string Band, int Errors, int Warnings, int Suppressed);

/// <summary>Where one --format goes. Answers arrive one at a time, in input order; errors and the summary at the end.</summary>
internal abstract class ReportSink : IDisposable
{
    private readonly string? _file;
    private readonly string? _temp;
    private readonly TextWriter _stdout;

    protected ReportSink(string? file, TextWriter stdout)
    {
        _stdout = stdout;
        _file = file is null ? null : Path.GetFullPath(file);
        if (_file is not null)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
            _temp = Path.Combine(Path.GetDirectoryName(_file)!, $".{Path.GetFileName(_file)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
            Output = new FileStream(_temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        }
        else
        {
            Output = new MemoryStream();
        }
    }

    /// <summary>Bytes go here; for standard output they are passed on at each <see cref="Flush"/>.</summary>
    protected Stream Output { get; }

    public static ReportSink Create(string format, string? file, TextWriter stdout, Uri? helpBase, bool summary) => format switch
    {
        "json" => new JsonSink(file, stdout, helpBase),
        "console" => new ConsoleSink(file, stdout, summary),
        _ => new BufferedSink(format, file, stdout, helpBase, summary),
    };

    public abstract void Add(GradeResult result);

    public abstract void Complete(IReadOnlyList<ReadError> errors, IReadOnlyList<SummaryRow> rows, Provenance? provenance);

    /// <summary>Writes beside the target, then renames, so nobody ever sees half a report.</summary>
    public void Finish()
    {
        Flush();
        if (_file is not null)
        {
            Output.Dispose();
            File.Move(_temp!, _file, overwrite: true);
        }
    }

    public void Dispose()
    {
        Output.Dispose();
        if (_temp is not null && File.Exists(_temp))
        {
            File.Delete(_temp);
        }
    }

    protected void Flush()
    {
        if (_file is null && Output is MemoryStream buffer && buffer.Length > 0)
        {
            _stdout.Write(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
            _stdout.Flush();
            buffer.SetLength(0);
        }
    }

    private sealed class JsonSink : ReportSink
    {
        private readonly JsonReportWriter.IncrementalJson _json;

        public JsonSink(string? file, TextWriter stdout, Uri? helpBase)
            : base(file, stdout) => _json = new JsonReportWriter.IncrementalJson(Output, helpBase);

        public override void Add(GradeResult result)
        {
            _json.Add(result);
            Flush();
        }

        public override void Complete(IReadOnlyList<ReadError> errors, IReadOnlyList<SummaryRow> rows, Provenance? provenance)
        {
            _json.Complete(errors, provenance);
            _json.Dispose();
        }
    }

    private sealed class ConsoleSink(string? file, TextWriter stdout, bool summary) : ReportSink(file, stdout)
    {
        public override void Add(GradeResult result)
        {
            using (var writer = new StreamWriter(Output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" })
            {
                ConsoleReport.WriteResult(writer, result);
            }

            Flush();
        }

        public override void Complete(IReadOnlyList<ReadError> errors, IReadOnlyList<SummaryRow> rows, Provenance? provenance)
        {
            using var writer = new StreamWriter(Output, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            ConsoleReport.WriteErrors(writer, errors);
            if (summary)
            {
                ConsoleReport.WriteSummary(writer, rows, errors);
            }

            ConsoleReport.WriteProvenance(writer, provenance);
        }
    }

    // SARIF, JUnit, Markdown, GitHub and HTML need the whole run at once: they keep each answer without its parse tree.
    private sealed class BufferedSink(string format, string? file, TextWriter stdout, Uri? helpBase, bool summary) : ReportSink(file, stdout)
    {
        private readonly List<GradeResult> _results = [];

        public override void Add(GradeResult result) => _results.Add(result.Compact());

        public override void Complete(IReadOnlyList<ReadError> errors, IReadOnlyList<SummaryRow> rows, Provenance? provenance)
        {
            var bytes = ReportOutputs.Render(format, new GradeRun([.. _results], [.. errors], helpBase, provenance), summary);
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
