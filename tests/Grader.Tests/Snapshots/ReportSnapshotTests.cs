using System.Text.RegularExpressions;
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

    private static void Check(string example, string format)
    {
        var (_, output, _) = TestGrader.RunCli("check", $"examples/video-recommendation/{example}.md", "--format", format);
        using (ApprovalResults.ForScenario(example))
        {
            Approvals.Verify(Version().Replace(output, "\"version\": \"<version>\""));
        }
    }

    [GeneratedRegex("\"version\": \"[^\"]*\"")]
    private static partial Regex Version();
}
