using System.Text;
using Grader.Core.Reporting;

namespace Grader.Cli;

/// <summary>Pairs each --format with an --output (in order) and writes every report atomically.</summary>
internal static class ReportOutputs
{
    public static readonly string[] Formats = ["console", "json", "sarif", "junit", "markdown", "github", "html"];

    private static readonly Dictionary<string, Func<IReportWriter>> Writers = new(StringComparer.Ordinal)
    {
        ["json"] = () => new JsonReportWriter(),
        ["sarif"] = () => new SarifReportWriter(),
        ["junit"] = () => new JUnitReportWriter(),
        ["markdown"] = () => new MarkdownReportWriter(),
        ["github"] = () => new GitHubReportWriter(),
        ["html"] = () => new HtmlReportWriter(),
    };

    /// <summary>(format, file or null for standard output) pairs, or a usage error.</summary>
    public static (List<(string Format, string? Output)> Pairs, string? Error) Pair(string[] formats, string[] outputs)
    {
        if (formats.Length == 0)
        {
            formats = ["console"];
        }

        if (outputs.Length > formats.Length)
        {
            return ([], $"{outputs.Length} --output values for {formats.Length} --format values; give one --format before each --output");
        }

        var pairs = formats.Select((f, i) => (f, i < outputs.Length ? outputs[i] : null)).ToList();
        return pairs.Count(p => p.Item2 is null) > 1
            ? ([], "only one report can go to standard output; give the others an --output FILE")
            : (pairs, null);
    }

    public static byte[] Render(string format, GradeRun run, bool summary)
    {
        using var buffer = new MemoryStream();
        if (format == "console")
        {
            using var writer = new StreamWriter(buffer, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            ConsoleReport.Write(writer, run, summary);
        }
        else
        {
            Writers[format]().Write(buffer, run);
        }

        return buffer.ToArray();
    }

    /// <summary>Writes beside the target, then renames: a reader, or a killed process, never leaves half a report.</summary>
    /// <summary>A finished report to standard output, or atomically to <paramref name="output"/>.</summary>
    public static void Emit(byte[] bytes, string? output, TextWriter stdout)
    {
        if (output is null)
        {
            stdout.Write(System.Text.Encoding.UTF8.GetString(bytes));
        }
        else
        {
            WriteAtomically(output, bytes);
        }
    }

    public static void WriteAtomically(string path, byte[] bytes)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
