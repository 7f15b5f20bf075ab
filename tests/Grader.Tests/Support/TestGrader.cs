using System.Text.RegularExpressions;
using Grader.Core;
using Grader.Core.Diagnostics;
using Grader.Core.Rubrics;

namespace Grader.Tests.Support;

/// <summary>Shared engine over the built-in rubrics, and the repository's folders.</summary>
internal static partial class TestGrader
{
    private static readonly Lazy<GradingEngine> LazyEngine = new(() =>
    {
        var (catalog, errors) = RubricCatalog.Load(DescriptorCatalog.Ids);
        Assert.Empty(errors);
        return new GradingEngine(catalog);
    });

    public static GradingEngine Engine => LazyEngine.Value;

    public static string RepoRoot { get; } = FindRoot();

    public static GradeResult Grade(string markdown, string? problem = "video-recommendation") =>
        Engine.Grade("answer.md", markdown, problem);

    public static IEnumerable<string> ExampleFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepoRoot, "examples"), "*.md", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoRoot, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    private static readonly Lock CliLock = new();

    /// <summary>
    /// Runs the CLI from the repository root, as a user would. The working directory is process-wide, so runs are
    /// serialised across test classes.
    /// </summary>
    public static (int Exit, string Out, string Err) RunCli(params string[] args) => RunCliIn(RepoRoot, args);

    /// <summary>
    /// Runs the CLI from <paramref name="folder"/>. The test process's own CI variable is hidden (the suite runs in
    /// CI, the CLI under test should not think so unless a test says --ci).
    /// </summary>
    public static (int Exit, string Out, string Err) RunCliIn(string folder, params string[] args) => Run(folder, null, args);

    /// <summary>Runs the CLI from the repository root with <paramref name="stdin"/> as its standard input.</summary>
    public static (int Exit, string Out, string Err) RunCliWithInput(byte[] stdin, params string[] args) => Run(RepoRoot, stdin, args);

    /// <summary>Runs the CLI from <paramref name="folder"/> with <paramref name="stdin"/> as its standard input.</summary>
    public static (int Exit, string Out, string Err) RunCliWithInputIn(string folder, byte[] stdin, params string[] args) => Run(folder, stdin, args);

    private static (int Exit, string Out, string Err) Run(string folder, byte[]? stdin, string[] args)
    {
        lock (CliLock)
        {
            // Back to the repository afterwards: a test's temporary folder is deleted when it ends, and a process whose
            // working directory is gone cannot start child processes (git, bash) for the other tests.
            Directory.SetCurrentDirectory(folder);
            try
            {
                using var stdout = new StringWriter();
                using var stderr = new StringWriter();
                // Never the test host's own input: a '-' without input given reads an empty answer instead of blocking.
                using var input = new MemoryStream(stdin ?? [], writable: false);
                var exit = Grader.Cli.CliApp.Run(args, stdout, stderr, name => name == "CI" ? null : Environment.GetEnvironmentVariable(name), input);
                return (exit, stdout.ToString(), stderr.ToString());
            }
            finally
            {
                Directory.SetCurrentDirectory(RepoRoot);
            }
        }
    }

    public static string ReadRepoFile(string relative) => File.ReadAllText(Path.Combine(RepoRoot, relative));

    /// <summary>
    /// Removes <c>&lt;!-- expect: ID --&gt;</c> markers and returns, per marker, the 1-based line it stood on and the id.
    /// The line structure is kept so spans stay comparable.
    /// </summary>
    public static (string Text, List<(int Line, string Id)> Expected) StripMarkers(string markdown)
    {
        var expected = new List<(int, string)>();
        var lines = markdown.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match m in Marker().Matches(lines[i]))
            {
                expected.Add((i + 1, m.Groups[1].Value));
            }

            lines[i] = Marker().Replace(lines[i], "").TrimEnd();
        }

        return (string.Join('\n', lines), expected);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Grader.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Grader.sln not found above the test binaries");
    }

    [GeneratedRegex(@"\s*<!--\s*expect:\s*(MLSD\d{4})\s*-->")]
    private static partial Regex Marker();
}
