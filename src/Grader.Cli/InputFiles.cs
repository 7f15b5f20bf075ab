using Grader.Core.Reporting;
using Microsoft.Extensions.FileSystemGlobbing;

namespace Grader.Cli;

/// <summary>
/// Expands PATH arguments: files as given, folders to their Markdown files, globs (<c>answers/**/*.md</c>) through
/// Microsoft's matcher. Order is stable: arguments in order, each expansion sorted, duplicates dropped.
/// </summary>
internal static class InputFiles
{
    private static readonly EnumerationOptions OneLevel = new() { IgnoreInaccessible = true, AttributesToSkip = 0 };

    public static (List<string> Files, List<ReadError> Errors) Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        var errors = new List<ReadError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            IEnumerable<string> found;
            if (Directory.Exists(path))
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

            foreach (var file in found.Where(seen.Add))
            {
                files.Add(file);
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
    private static string Normalize(string path) => path.Replace('\\', '/');
}
