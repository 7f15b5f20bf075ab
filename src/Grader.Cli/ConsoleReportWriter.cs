using System.Text;
using Grader.Core;
using Grader.Core.Reporting;

namespace Grader.Cli;

/// <summary>
/// The console report as a writer, so it stands in the one list of formats beside Core's. <paramref name="summary"/>
/// adds a batch's closing table; <paramref name="color"/> colours its tables (see ConsoleColors). Written whole, errors come first; written as answers finish, they come at the end
/// with the provenance (they are known only then).
/// </summary>
internal sealed class ConsoleReportWriter(bool summary, bool color = false) : IIncrementalReportWriter
{
    public const string Name = "console";

    public string Format => Name;

    public void Write(Stream stream, GradeRun run)
    {
        using var writer = Open(stream);
        ConsoleReport.Write(writer, run, summary, color);
    }

    public IIncrementalReport Start(Stream stream, Uri? helpBase) => new Incremental(stream, summary, color);

    private static StreamWriter Open(Stream stream) => new(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };

    private sealed class Incremental(Stream stream, bool summary, bool color) : IIncrementalReport
    {
        private readonly List<SummaryRow> _rows = [];

        public void Add(GradeResult result)
        {
            _rows.Add(SummaryRows.Of(result));
            using var writer = Open(stream);
            ConsoleReport.WriteResult(writer, result, color);
        }

        public void Complete(GradeRun rest)
        {
            using var writer = Open(stream);
            ConsoleReport.WriteErrors(writer, rest.Errors);
            if (summary)
            {
                ConsoleReport.WriteSummary(writer, _rows, rest.Errors, color);
            }

            ConsoleReport.WriteProvenance(writer, rest.Provenance);
        }

        public void Dispose()
        {
        }
    }
}
