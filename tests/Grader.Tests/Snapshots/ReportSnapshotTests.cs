using ApprovalTests;
using ApprovalTests.Namers;
using ApprovalTests.Reporters;
using Grader.Tests.Support;

[assembly: UseReporter(typeof(QuietReporter))]

namespace Grader.Tests.Snapshots;

/// <summary>The console and JSON reports for the bundled examples, approved in tests/Grader.Tests/Snapshots/approved.</summary>
[UseApprovalSubdirectory("approved")]
public partial class ReportSnapshotTests
{
    [Theory]
    [InlineData("strong")]
    [InlineData("strong-alt")]
    [InlineData("partial")]
    [InlineData("weak")]
    public void Console_report(string example) => Check(example, "console");

    [Theory]
    [InlineData("strong")]
    [InlineData("weak")]
    public void Json_report(string example) => Check(example, "json");

    [Theory]
    [InlineData("sarif")]
    [InlineData("junit")]
    [InlineData("markdown")]
    [InlineData("github")]
    [InlineData("html")]
    public void Report_format(string format) => Check("weak", format);

    private static void Check(string example, string format)
    {
        var (_, output, _) = TestGrader.RunCli("check", $"examples/video-recommendation/{example}.md", "--format", format);
        using (ApprovalResults.ForScenario(format is "console" or "json" ? example : $"{format}.{example}"))
        {
            // The github format's stop-commands token is random by design; rubric hashes change with every rubric edit
            // (the provenance tests check them).
            var scrubbed = System.Text.RegularExpressions.Regex.Replace(output, "(?<=::stop-commands::|^::)[0-9a-f]{32}(?=::|$)", "<token>", System.Text.RegularExpressions.RegexOptions.Multiline);
            scrubbed = Sha256().Replace(scrubbed.Replace(Grader.Core.Reporting.ToolInfo.Version, "<version>", StringComparison.Ordinal), "<sha256>");
            Approvals.Verify(scrubbed);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("(?<=sha256\"?:? \"?)[0-9a-f]{12,64}")]
    private static partial System.Text.RegularExpressions.Regex Sha256();
}
