using System.Text;
using System.Text.RegularExpressions;
using ApprovalTests;
using ApprovalTests.Namers;
using Grader.Cli;
using Grader.Core.Reporting;
using Grader.Tests.Support;

namespace Grader.Tests.Snapshots;

/// <summary>
/// Every format of the one registry, written from <see cref="ReportFixture"/>: a small hand-built run, so a writer
/// change shows as a short diff that rubric and mapping changes never move. Approved in Snapshots/approved.
/// </summary>
[UseApprovalSubdirectory("approved")]
public partial class WriterSnapshotTests
{
    public static TheoryData<string> Formats() => [.. ReportOutputs.Formats];

    [Theory]
    [MemberData(nameof(Formats))]
    public void Fixed_run(string format)
    {
        var text = Encoding.UTF8.GetString(ReportOutputs.Render(format, ReportFixture.Run, summary: true));
        using (ApprovalResults.ForScenario(format))
        {
            // The github stop-commands token is random by design.
            Approvals.Verify(Token().Replace(text.Replace(ToolInfo.Version, "<version>", StringComparison.Ordinal), "<token>"));
        }
    }

    [Fact]
    public void Every_format_is_listed_once_and_named_by_its_writer()
    {
        Assert.Equal(ReportOutputs.Formats.Length, ReportOutputs.Formats.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(["console", "json", "sarif", "junit", "markdown", "github", "html"], ReportOutputs.Formats);
        Assert.All(ReportOutputs.Formats, f => Assert.Equal(f, ReportOutputs.Writer(f, summary: false).Format));
        Assert.Equal(ReportFormats.Writers.Select(w => w.Format), ReportOutputs.Formats.Skip(1));
    }

    [GeneratedRegex("(?<=::stop-commands::|^::)[0-9a-f]{32}(?=::|$)", RegexOptions.Multiline)]
    private static partial Regex Token();
}
