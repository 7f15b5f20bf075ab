using System.Diagnostics;
using Grader.Tests.Support;

namespace Grader.Tests.Cli;

/// <summary>Grader installs as a .NET tool from a locally packed package and works from any folder.</summary>
public class PackagingTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public void The_packed_tool_installs_and_grades_an_example_from_another_folder()
    {
        var work = Directory.CreateTempSubdirectory("grader-pack-");
        try
        {
            var packages = Path.Combine(work.FullName, "nupkg");
            var tools = Path.Combine(work.FullName, "tools");
            Run(TestGrader.RepoRoot, "dotnet", "pack", Path.Combine("src", "Grader.Cli"), "-c", "Release", "-o", packages, "--nologo", "-v", "quiet");
            Assert.Single(Directory.GetFiles(packages, "grader.*.nupkg"));
            Run(work.FullName, "dotnet", "tool", "install", "--tool-path", tools, "--add-source", packages, "grader");

            // From a folder that is not the repository: the rubrics travel inside the tool.
            var answer = Path.Combine(work.FullName, "answer.md");
            File.Copy(Path.Combine(TestGrader.RepoRoot, "examples", "video-recommendation", "strong.md"), answer);
            var grader = Path.Combine(tools, OperatingSystem.IsWindows() ? "grader.exe" : "grader");
            var (exit, stdout) = Run(work.FullName, grader, "check", "answer.md", "--format", "json");
            Assert.Equal(0, exit);
            Assert.Contains("\"id\": \"video-recommendation\"", stdout, StringComparison.Ordinal);
            var (_, version) = Run(work.FullName, grader, "--version");
            Assert.StartsWith(Grader.Core.Reporting.ToolInfo.Version, version.Trim(), StringComparison.Ordinal);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static (int Exit, string Stdout) Run(string folder, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        args.ToList().ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), $"{file} {string.Join(' ', args)} did not finish");
        Assert.True(file != "dotnet" || process.ExitCode == 0, $"{file} {string.Join(' ', args)}: {stderr.Result}");
        return (process.ExitCode, stdout.Result);
    }
}
