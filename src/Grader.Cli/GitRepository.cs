using System.Diagnostics;
using System.Text;

namespace Grader.Cli;

/// <summary>
/// Reads answers out of git history with the git command line: <c>git show REV:PATH</c> and <c>git log</c>, never
/// a working-tree checkout. Errors come back as messages for the user, not exceptions.
/// </summary>
internal static class GitRepository
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The text of <paramref name="path"/> (relative to the current folder) at <paramref name="revision"/>.</summary>
    public static (string? Text, string? Error) Show(string revision, string path)
    {
        var (root, error) = TopLevel(path);
        if (root is null)
        {
            return (null, error);
        }

        var relative = Path.GetRelativePath(root, Path.GetFullPath(path)).Replace('\\', '/');
        var (ok, output, stderr) = Run(root, "show", $"{revision}:{relative}");
        return ok ? (output, null) : (null, $"git cannot show {revision}:{relative}: {FirstLine(stderr)}");
    }

    /// <summary>Commits that touched the file, oldest first, following renames.</summary>
    public static (List<(string Commit, string Date, string Subject, string PathAtCommit)>? Commits, string? Error) Log(string path)
    {
        var (root, error) = TopLevel(path);
        if (root is null)
        {
            return (null, error);
        }

        var relative = Path.GetRelativePath(root, Path.GetFullPath(path)).Replace('\\', '/');
        var (ok, output, stderr) = Run(root, "log", "--follow", "--name-only", "--format=%x1e%h%x1f%ad%x1f%s", "--date=short", "--", relative);
        if (!ok)
        {
            return (null, $"git log failed: {FirstLine(stderr)}");
        }

        var commits = new List<(string, string, string, string)>();
        foreach (var record in output.Split('\x1e', StringSplitOptions.RemoveEmptyEntries))
        {
            var lines = record.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var fields = lines[0].Split('\x1f');
            var pathAtCommit = lines.Length > 1 ? lines[^1].Trim() : relative;
            commits.Add((fields[0], fields[1], fields.Length > 2 ? fields[2] : "", pathAtCommit));
        }

        commits.Reverse();
        return (commits, null);
    }

    /// <summary>The text of a repository-relative path at a commit (used by history, where the path may have been renamed).</summary>
    public static (string? Text, string? Error) ShowFromRoot(string anyPathInRepo, string revision, string repoRelativePath)
    {
        var (root, error) = TopLevel(anyPathInRepo);
        if (root is null)
        {
            return (null, error);
        }

        var (ok, output, stderr) = Run(root, "show", $"{revision}:{repoRelativePath}");
        return ok ? (output, null) : (null, $"git cannot show {revision}:{repoRelativePath}: {FirstLine(stderr)}");
    }

    private static (string? Root, string? Error) TopLevel(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        while (folder is not null && !Directory.Exists(folder))
        {
            folder = Path.GetDirectoryName(folder);
        }

        var (ok, output, stderr) = Run(folder ?? ".", "rev-parse", "--show-toplevel");
        return ok ? (output.Trim(), null) : (null, $"{path} is not inside a git repository ({FirstLine(stderr)})");
    }

    private static (bool Ok, string Output, string Error) Run(string folder, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo("git")
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Encoding.UTF8,
            };
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            // No pager, no prompts, no colour: output for a program, not a person.
            start.Environment["GIT_PAGER"] = "cat";
            start.Environment["GIT_TERMINAL_PROMPT"] = "0";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return (false, "", "git did not answer in time");
            }

            return (process.ExitCode == 0, output.Result, error.Result);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (false, "", "git is not installed");
        }
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "no details";
}
