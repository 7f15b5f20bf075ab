using Grader.Tests.Support;

namespace Grader.Tests.Hostile;

/// <summary>
/// Inputs that scripts/fuzz found crashing the grader, kept in Hostile/fuzz/ (the AFL++ file as found, and a
/// hand-minimised copy). Each must now grade to a result with the problem reported where it stands.
/// </summary>
public class FuzzRegressionTests
{
    public static TheoryData<string, string, int, int, string> Findings => new()
    {
        // YamlDotNet's scanner threw InvalidOperationException (not YamlException) on a flow mapping never closed.
        { "front-matter-unclosed-brace.md", "MLSD0001", 2, 10, "never closed" },
        { "front-matter-unclosed-brace-afl.md", "MLSD0001", 2, 10, "never closed" },
        // YamlDotNet's parser threw ArgumentException for a global tag that is not a valid URI.
        { "front-matter-tag-not-a-uri.md", "MLSD0001", 2, 10, "not a valid URI" },
        { "front-matter-tag-not-a-uri-afl.md", "MLSD0001", 2, 10, "not a valid URI" },
    };

    [Theory]
    [MemberData(nameof(Findings))]
    public void A_fuzzer_finding_grades_and_reports_the_problem_where_it_stands(string file, string id, int line, int column, string message)
    {
        var text = File.ReadAllText(Path.Combine(TestGrader.RepoRoot, "tests", "Grader.Tests", "Hostile", "fuzz", file));

        var graded = TestGrader.Engine.Grade(file, text);

        var finding = Assert.Single(graded.Diagnostics, d => d.Id == id);
        Assert.Equal((line, column), (finding.Span.Line, finding.Span.Column));
        Assert.Contains(message, finding.Message, StringComparison.Ordinal);
        Assert.InRange(graded.Score.Total, 0, 100);
    }

    [Fact]
    public void Every_kept_finding_has_a_case() =>
        Assert.Equal(
            Directory.EnumerateFiles(Path.Combine(TestGrader.RepoRoot, "tests", "Grader.Tests", "Hostile", "fuzz")).Select(Path.GetFileName).Order(StringComparer.Ordinal),
            Findings.Select(f => (string)f[0]).Order(StringComparer.Ordinal));
}
