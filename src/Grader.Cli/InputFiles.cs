using Grader.Core.Reporting;
using Microsoft.Extensions.FileSystemGlobbing;

namespace Grader.Cli;

/// <summary>
/// Expands PATH arguments: files as given, folders to their Markdown files, globs (<c>answers/**/*.md</c>) through
/// Microsoft's matcher, and <c>-</c> to the name given to standard input. Order is stable: arguments in order, each
/// expansion sorted, duplicates dropped.
/// </summary>
internal static class InputFiles
{
    /// <summary>The PATH that stands for standard input; a file of that name is <c>./-</c>.</summary>
    public const string StandardInput = "-";

    /// <summary>What reports call standard input unless --stdin-name says otherwise.</summary>
    public const string StandardInputName = "<stdin>";

    private static readonly EnumerationOptions OneLevel = new() { IgnoreInaccessible = true, AttributesToSkip = 0 };

    /// <param name="paths">The PATH arguments.</param>
    /// <param name="stdinName">The name <c>-</c> expands to; a file of the same name from another PATH is an error.</param>
    public static (List<string> Files, List<ReadError> Errors) Expand(IEnumerable<string> paths, string stdinName = StandardInputName)
    {
        var files = new List<string>();
        var errors = new List<ReadError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stdin = Normalize(stdinName);
        var arguments = paths.ToList();
        foreach (var path in arguments)
        {
            IEnumerable<string> found;
            if (path == StandardInput)
            {
                found = [stdin];
            }
            else if (Directory.Exists(path))
            {
                found = [.. Walk(path).Select(Normalize).Order(StringComparer.Ordinal)];
                if (!found.Any())
                {
                    errors.Add(new ReadError(Normalize(path), "folder holds no Markdown (.md) files"));
                }
            }
            else if (File.Exists(path) || !IsGlob(path) || new FileInfo(path).LinkTarget is not null)
            {
                // Missing, broken-link and other unreadable paths go through and get their own error when read.
                found = [Normalize(path)];
            }
            else
            {
                found = Glob(path);
                if (!found.Any())
                {
                    errors.Add(new ReadError(Normalize(path), "no file matches this pattern"));
                }
            }

            foreach (var file in found)
            {
                // Two answers under one name could not be told apart in any report (nor in the config lookup).
                if (path != StandardInput && file == stdin && arguments.Contains(StandardInput))
                {
                    if (!errors.Any(e => e.Path == file))
                    {
                        errors.Add(new ReadError(file, "is both a PATH and the --stdin-name of standard input; give standard input another name"));
                    }
                }
                else if (seen.Add(file))
                {
                    files.Add(file);
                }
            }
        }

        return (files, errors);
    }

    /// <summary>
    /// Markdown files below a folder. Links to files are listed (a broken one then gets its own error); links to
    /// folders are not followed, so a link loop cannot send the walk round forever.
    /// </summary>
    private static IEnumerable<string> Walk(string root)
    {
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", OneLevel))
            {
                if (entry is DirectoryInfo directory)
                {
                    if (directory.LinkTarget is null)
                    {
                        pending.Push(Path.Combine(folder, directory.Name));
                    }
                }
                else if (entry.Name.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
                {
                    yield return Path.Combine(folder, entry.Name);
                }
            }
        }
    }

    public static bool IsGlob(string path) => path.IndexOfAny(['*', '?', '[']) >= 0;

    private static IEnumerable<string> Glob(string pattern)
    {
        // The part before the first wildcard is the folder to search from.
        var normalized = Normalize(pattern);
        var wildcard = normalized.IndexOfAny(['*', '?', '[']);
        var slash = normalized.LastIndexOf('/', wildcard);
        var root = slash < 0 ? "." : normalized[..slash];
        if (!Directory.Exists(root))
        {
            return [];
        }

        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(slash < 0 ? normalized : normalized[(slash + 1)..]);
        return matcher.GetResultsInFullPath(root)
            .Select(f => Normalize(root == "." ? Path.GetRelativePath(".", f) : Path.Combine(root, Path.GetRelativePath(root, f))))
            .Order(StringComparer.Ordinal);
    }

    // Forward slashes, so reports read the same on every OS.
    internal static string Normalize(string path) => path.Replace('\\', '/');
}
