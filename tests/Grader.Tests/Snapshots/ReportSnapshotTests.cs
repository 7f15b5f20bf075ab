using System.Text.RegularExpressions;
using ApprovalTests;
using ApprovalTests.Namers;
using ApprovalTests.Reporters;
using Grader.Cli;
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
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(TestGrader.RepoRoot);
        try
        {
            using var stdout = new StringWriter();
            using var stderr = new StringWriter();
            CliApp.Run(["check", $"examples/video-recommendation/{example}.md", "--format", format], stdout, stderr);
            using (ApprovalResults.ForScenario(example))
            {
                Approvals.Verify(Version().Replace(stdout.ToString(), "\"version\": \"<version>\""));
            }
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    [GeneratedRegex("\"version\": \"[^\"]*\"")]
    private static partial Regex Version();
}
