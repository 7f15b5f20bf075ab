using Grader.Tests.Native;
using Grader.Tests.Support;

namespace Grader.Tests.Cli;

/// <summary>Grader installs as a .NET tool from the packages scripts/pack writes and works from any folder.</summary>
public class PackagingTests
{
    [Fact]
    [Trait("Category", "Slow")]
    public void The_packed_tool_installs_and_grades_an_example_from_another_folder()
    {
        var tool = NativeTool.Instance;
        Assert.Equal(["grader.0.1.0.nupkg", "grader.any.0.1.0.nupkg", "grader.linux-x64.0.1.0.nupkg"],
            Directory.GetFiles(tool.Packages).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // From a folder that is not the repository: the rubrics travel inside the tool.
        var work = Directory.CreateTempSubdirectory("grader-pack-");
        try
        {
            File.Copy(Path.Combine(TestGrader.RepoRoot, "examples", "video-recommendation", "strong.md"), Path.Combine(work.FullName, "answer.md"));
            var (exit, stdout, _) = tool.ExecuteText(work.FullName, "check", "answer.md", "--format", "json");
            Assert.Equal(0, exit);
            Assert.Contains("\"id\": \"video-recommendation\"", stdout, StringComparison.Ordinal);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void The_framework_dependent_fallback_package_grades_like_the_native_one()
    {
        // Platforms without a native package get grader.any: the same answer, the same report.
        var tool = NativeTool.Instance;
        var unpacked = Path.Combine(tool.Root, "any");
        System.IO.Compression.ZipFile.ExtractToDirectory(Directory.GetFiles(tool.Packages, "grader.any.*.nupkg").Single(), unpacked, overwriteFiles: true);
        var dll = Directory.GetFiles(unpacked, "grader.dll", SearchOption.AllDirectories).Single();
        string[] args = ["check", "examples/news-feed/weak.md", "--format", "sarif"];
        var fallback = NativeTool.Run(TestGrader.RepoRoot, "dotnet", [dll, .. args], TimeSpan.FromMinutes(2));
        var native = tool.ExecuteText(TestGrader.RepoRoot, args);
        Assert.Equal(native.Exit, fallback.Exit);
        Assert.Equal(native.Out, fallback.Out);
    }
}
