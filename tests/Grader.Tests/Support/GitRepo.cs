using System.Diagnostics;
using System.Text;

namespace Grader.Tests.Support;

/// <summary>A throw-away git repository on branch main, committed to with the real git command line.</summary>
internal sealed class GitRepo : IDisposable
{
    private readonly TempFolder _tree = new();

    public GitRepo() => Git("init", "-q", "-b", "main");

    public string Root => _tree.Root;

    public string Write(string relative, string text) => _tree.Write(relative, text);

    /// <summary>Stages everything and commits; the message goes through a file so it may hold any byte but NUL.</summary>
    public void Commit(string message)
    {
        var file = Path.Combine(Path.GetTempPath(), "grader-tests", $"{Guid.NewGuid():N}.msg");
        File.WriteAllText(file, message, new UTF8Encoding(false));
        try
        {
            Git("add", "-A");
            Git("commit", "-q", "--cleanup=verbatim", "-F", file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public string Git(params string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var a in new[] { "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false" }.Concat(args))
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)}: {error}");
        return output.Result;
    }

    public void Dispose() => _tree.Dispose();
}
