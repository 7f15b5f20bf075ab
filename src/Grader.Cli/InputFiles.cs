using Grader.Core.Reporting;

namespace Grader.Cli;

/// <summary>Expands PATH arguments: files as given, folders to their Markdown files, in a stable order.</summary>
internal static class InputFiles
{
    public static (List<string> Files, List<ReadError> Errors) Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        var errors = new List<ReadError>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*.md", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
                    .Select(Normalize)
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(Normalize(path));
            }
            else
            {
                errors.Add(new ReadError(Normalize(path), "file not found"));
            }
        }

        return (files, errors);
    }

    public static (string? Text, ReadError? Error) Read(string path)
    {
        try
        {
            return (File.ReadAllText(path), null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, new ReadError(path, $"cannot read: {ex.Message}"));
        }
    }

    // Forward slashes, so reports read the same on every OS.
    private static string Normalize(string path) => path.Replace('\\', '/');
}
