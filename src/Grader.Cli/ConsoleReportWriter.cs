using System.Text;
using Grader.Core;
using Grader.Core.Reporting;

namespace Grader.Cli;

/// <summary>
/// The console report as a writer, so it stands in the one list of formats beside Core's. <paramref name="summary"/>
/// adds a batch's closing table. Written whole, errors come first; written as answers finish, they come at the end
/// with the provenance (they are known only then).
/// </summary>
internal sealed class ConsoleReportWriter(bool summary) : IIncrementalReportWriter
{
    public const string Name = "console";

    public string Format => Name;

    public void Write(Stream stream, GradeRun run)
    {
        using var writer = Open(stream);
        ConsoleReport.Write(writer, run, summary);
    }

    public IIncrementalReport Start(Stream stream, Uri? helpBase) => new Incremental(stream, summary);

    private static StreamWriter Open(Stream stream) => new(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };

    private sealed class Incremental(Stream stream, bool summary) : IIncrementalReport
    {
        private readonly List<SummaryRow> _rows = [];

        public void Add(GradeResult result)
        {
            _rows.Add(SummaryRows.Of(result));
            using var writer = Open(stream);
            ConsoleReport.WriteResult(writer, result);
        }

        public void Complete(GradeRun rest)
        {
            using var writer = Open(stream);
            ConsoleReport.WriteErrors(writer, rest.Errors);
            if (summary)
            {
                ConsoleReport.WriteSummary(writer, _rows, rest.Errors);
            }

            ConsoleReport.WriteProvenance(writer, rest.Provenance);
        }

        public void Dispose()
        {
        }
    }
}
