using System.Diagnostics;
using System.Text;
using Grader.Core.IO;

namespace Grader.Cli;

/// <summary>
/// Reads answers out of git history with the git command line (<c>git log</c>, <c>git cat-file</c>), never a
/// working-tree checkout. Revisions and paths come from whoever wrote the command line or the repository, so none
/// reaches git where it could be read as an option: revisions are checked with <c>rev-parse --verify</c> and
/// replaced by the commit id, paths go after <c>--</c> or inside <c>ID:PATH</c>, pathspecs are literal, and output
/// is NUL-separated. Blobs are read with the same size limit and binary check as files. Errors come back as
/// messages for the user, not exceptions.
/// </summary>
internal static class GitRepository
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    // Paths as they are (no octal quoting), no colour, no replacement objects swapping content.
    private static readonly string[] GlobalOptions = ["-c", "core.quotePath=false", "-c", "color.ui=false", "--no-replace-objects"];

    /// <summary>The text of <paramref name="path"/> (a local path, relative to the current folder) at <paramref name="revision"/>.</summary>
    public static (string? Text, string? Error) Show(string revision, string path, long maxBytes)
    {
        var label = $"{revision}:{path}";
        var (root, error) = TopLevel(path);
        if (root is null)
        {
            return (null, $"{label}: {error}");
        }

        var (commit, revisionError) = ResolveCommit(root, revision);
        if (commit is null)
        {
            return (null, $"{label}: {revisionError}");
        }

        var relative = Path.GetRelativePath(root, Path.GetFullPath(path)).Replace('\\', '/');
        var (text, readError) = ReadBlob(root, commit, relative, revision, maxBytes);
        return text is null ? (null, $"{label}: {readError}") : (text, null);
    }

    /// <summary>Commits that touched the file, oldest first, following renames.</summary>
    public static (List<GitCommit>? Commits, string? Error) Log(string path)
    {
        var (root, error) = TopLevel(path);
        if (root is null)
        {
            return (null, error);
        }

        var relative = Path.GetRelativePath(root, Path.GetFullPath(path)).Replace('\\', '/');

        // -z and %x00 separators: subjects and paths may hold any byte but NUL (0x1E, 0x1F, newlines, non-ASCII).
        // Each commit is "\0ID\0SHORT\0DATE\0SUBJECT\0\nSTATUS\0PATH[\0NEWPATH]\0".
        var (ok, output, stderr) = Run(
            root, ["log", "-z", "--follow", "--name-status", "--no-color", "--format=%x00%H%x00%h%x00%ad%x00%s", "--date=short", "--end-of-options", "--", relative]);
        if (!ok)
        {
            return (null, $"{path}: git log failed: {FirstLine(stderr)}");
        }

        var commits = ParseLog(Encoding.UTF8.GetString(output), relative);
        if (commits is null)
        {
            return (null, $"{path}: git log gave output Grader does not understand");
        }

        commits.Reverse();
        return (commits, null);
    }

    /// <summary>Parses <c>git log -z</c> output in the shape <see cref="Log"/> asks for; null when it has another shape.</summary>
    internal static List<GitCommit>? ParseLog(string output, string relative)
    {
        var tokens = output.Split('\0');
        var commits = new List<GitCommit>();
        var path = relative; // newest first: a commit without a status line keeps the path of the one after it
        var i = 0;
        while (i < tokens.Length)
        {
            if (tokens[i].Length == 0)
            {
                i++;
                continue;
            }

            if (i + 3 >= tokens.Length || !IsObjectId(tokens[i]))
            {
                return null;
            }

            var (id, shortId, date, subject) = (tokens[i], tokens[i + 1], tokens[i + 2], tokens[i + 3]);
            i += 4;
            var deleted = false;
            if (i < tokens.Length && tokens[i].StartsWith('\n'))
            {
                var status = tokens[i][1..];
                var count = status.StartsWith('R') || status.StartsWith('C') ? 2 : 1;
                if (i + count >= tokens.Length)
                {
                    return null;
                }

                path = tokens[i + count];
                deleted = status == "D";
                i += count + 1;
            }

            commits.Add(new GitCommit(id, shortId, date, subject, path, deleted));
        }

        return commits;
    }

    /// <summary>The text of a repository-relative path at a commit id that came from <see cref="Log"/>.</summary>
    public static (string? Text, string? Error) ShowAtCommit(string anyPathInRepo, GitCommit commit, long maxBytes)
    {
        var (root, error) = TopLevel(anyPathInRepo);
        if (root is null)
        {
            return (null, error);
        }

        var (text, readError) = ReadBlob(root, commit.Id, commit.PathAtCommit, commit.ShortId, maxBytes);
        return text is null ? (null, $"{commit.ShortId}:{commit.PathAtCommit}: {readError}") : (text, null);
    }

    /// <summary>The full id of the commit <paramref name="revision"/> names, or why it names none.</summary>
    private static (string? Commit, string? Error) ResolveCommit(string root, string revision)
    {
        // rev-parse would take "--output=FILE" after --end-of-options as a revision anyway; saying so is clearer.
        if (revision.StartsWith('-'))
        {
            return (null, $"'{revision}' is not a revision (a revision cannot start with '-')");
        }

        var (ok, output, _) = Run(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}"]);
        var id = Encoding.UTF8.GetString(output).Trim();
        return ok && IsObjectId(id) ? (id, null) : (null, $"'{revision}' is not a commit in this repository");
    }

    /// <summary>A blob read with a bounded pipe: a 4 GB file in history costs no more than the limit.</summary>
    private static (string? Text, string? Error) ReadBlob(string root, string commit, string relative, string revision, long maxBytes)
    {
        // The commit is a verified id, so "ID:PATH" cannot be read as an option whatever the path holds.
        var spec = $"{commit}:{relative}";
        var (ok, output, stderr) = Run(root, ["cat-file", "blob", spec], maxBytes + 1);
        if (output.Length > maxBytes)
        {
            var (sized, size, _) = Run(root, ["cat-file", "-s", spec]);
            var bytes = sized && long.TryParse(Encoding.ASCII.GetString(size).Trim(), out var n) ? n : output.Length;
            return (null, AnswerReader.TooLarge(bytes, maxBytes));
        }

        if (!ok)
        {
            return (null, $"git cannot show {relative} at {revision}: {FirstLine(stderr)}");
        }

        var (text, error) = AnswerReader.Decode(relative, output);
        return (text, error?.Message);
    }

    private static (string? Root, string? Error) TopLevel(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        while (folder is not null && !Directory.Exists(folder))
        {
            folder = Path.GetDirectoryName(folder);
        }

        var (ok, output, stderr) = Run(folder ?? ".", ["rev-parse", "--show-toplevel"]);
        var root = Encoding.UTF8.GetString(output);
        return ok ? (root.EndsWith('\n') ? root[..^1] : root, null) : (null, $"not inside a git repository ({FirstLine(stderr)})");
    }

    private static bool IsObjectId(string text) =>
        text.Length is 40 or 64 && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    /// <summary>Runs git; standard output is kept up to <paramref name="maxBytes"/> and the process stopped beyond it.</summary>
    private static (bool Ok, byte[] Output, string Error) Run(string folder, string[] args, long maxBytes = long.MaxValue)
    {
        try
        {
            var start = new ProcessStartInfo("git")
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardErrorEncoding = Encoding.UTF8,
            };

            foreach (var arg in GlobalOptions.Concat(args))
            {
                start.ArgumentList.Add(arg);
            }

            // No pager, no prompts; a path is a path, never ":(glob)" or other pathspec magic.
            start.Environment["GIT_PAGER"] = "cat";
            start.Environment["GIT_TERMINAL_PROMPT"] = "0";
            start.Environment["GIT_LITERAL_PATHSPECS"] = "1";
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = Task.Run(() => AnswerReader.ReadBounded(process.StandardOutput.BaseStream, maxBytes));
            if (!output.Wait(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return (false, [], "git did not answer in time");
            }

            if (output.Result.Length > maxBytes)
            {
                // Enough read to know it is too much: git would otherwise block on a full pipe.
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return (false, output.Result, "");
            }

            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return (false, [], "git did not answer in time");
            }

            return (process.ExitCode == 0, output.Result, error.Result);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (false, [], "git is not installed");
        }
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "no details";
}
