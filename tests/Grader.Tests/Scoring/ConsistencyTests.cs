using Grader.Core.Diagnostics;
using Grader.Core.Mapping;
using Grader.Tests.Support;

namespace Grader.Tests.Scoring;

/// <summary>No two findings on one step may contradict each other.</summary>
public class ConsistencyTests
{
    public static TheoryData<string> Answers()
    {
        var files = new TheoryData<string>(TestGrader.ExampleFiles());

        // Real answers by other people, when the maintainers' material sits beside the repository (never on a user's
        // clone, which has the examples only).
        var corpus = Path.Combine(TestGrader.RepoRoot, "..", "shared", "corpus", "public");
        if (Directory.Exists(corpus))
        {
            foreach (var file in Directory.GetFiles(corpus, "*.md").Order(StringComparer.Ordinal))
            {
                files.Add(Path.GetFullPath(file));
            }
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(Answers))]
    public void A_kind_of_metric_is_never_reported_both_alone_and_absent(string file)
    {
        var result = Path.IsPathRooted(file)
            ? TestGrader.Engine.Grade(Path.GetFileName(file), File.ReadAllText(file))
            : TestGrader.Engine.Grade(file, TestGrader.ReadRepoFile(file));
        var ids = result.Diagnostics.Where(d => d.Step == FrameworkStep.Evaluation).Select(d => d.Id).ToHashSet();
        Assert.False(ids.Contains(DiagnosticIds.OnlyOfflineMetrics) && ids.Contains(DiagnosticIds.OnlyOnlineMetrics), file);

        // "Names only online metrics" beside "no online metric is named" (and the same for offline).
        foreach (var (only, criterion) in new[] { (DiagnosticIds.OnlyOnlineMetrics, "evaluation.online"), (DiagnosticIds.OnlyOfflineMetrics, "evaluation.offline") })
        {
            var absent = result.Score.Steps[(int)FrameworkStep.Evaluation].Criteria
                .Any(c => c.Criterion.Id == criterion && c.Score == 0 && (c.Missing ?? "").StartsWith("not found", StringComparison.Ordinal));
            Assert.False(ids.Contains(only) && absent, $"{file}: {only} beside {criterion} not found");
        }
    }
}
