using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text;
using Grader.Core.Reporting;

namespace Grader.Cli;

/// <summary>Pairs each --format with the --output that follows it and writes every report atomically.</summary>
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

    /// <summary>
    /// The --format and --output values in command-line order (IsFormat tells which), read from the parse tokens so an
    /// --output can be paired with the --format right before it; null if the tokens do not account for every value.
    /// </summary>
    public static List<(bool IsFormat, string Value)>? InOrder(ParseResult parse, Option<string[]> format, Option<string[]> output)
    {
        var sequence = new List<(bool IsFormat, string Value)>();
        var tokens = parse.Tokens;
        for (var i = 0; i + 1 < tokens.Count && tokens[i].Type != TokenType.DoubleDash; i++)
        {
            var isFormat = Names(format).Contains(tokens[i].Value);
            if (tokens[i].Type == TokenType.Option && (isFormat || Names(output).Contains(tokens[i].Value)) && tokens[i + 1].Type == TokenType.Argument)
            {
                sequence.Add((isFormat, tokens[i + 1].Value));
                i++;
            }
        }

        var formats = parse.GetValue(format) ?? [];
        var outputs = parse.GetValue(output) ?? [];
        return sequence.Where(s => s.IsFormat).Select(s => s.Value).SequenceEqual(formats, StringComparer.Ordinal)
            && sequence.Where(s => !s.IsFormat).Select(s => s.Value).SequenceEqual(outputs, StringComparer.Ordinal)
            ? sequence
            : null;
    }

    private static IEnumerable<string> Names(Option option) => option.Aliases.Append(option.Name);

    /// <summary>
    /// (format, file or null for standard output) pairs, or a usage error. An --output belongs to the --format given
    /// just before it, so <c>--format github --format sarif --output grader.sarif</c> sends SARIF to the file and the
    /// annotations to standard output. A lone <c>--output FILE</c> with no --format writes the console report there.
    /// </summary>
    public static (List<(string Format, string? Output)> Pairs, string? Error) Pair(IReadOnlyList<(bool IsFormat, string Value)>? sequence)
    {
        const string Usage = "write each report as --format FORMAT --output FILE; at most one --format without an --output goes to standard output";
        if (sequence is null)
        {
            return ([], $"cannot tell which --output belongs to which --format; {Usage}");
        }

        var pairs = new List<(string Format, string? Output)>();
        var loose = new List<string>();
        foreach (var (isFormat, value) in sequence)
        {
            if (isFormat)
            {
                pairs.Add((value, null));
            }
            else if (pairs.Count == 0)
            {
                loose.Add(value);
            }
            else if (pairs[^1].Output is { } taken)
            {
                return ([], $"--output {UntrustedText.Visible(value)} follows --output {UntrustedText.Visible(taken)} with no --format between them; {Usage}");
            }
            else
            {
                pairs[^1] = (pairs[^1].Format, value);
            }
        }

        if (loose.Count > 0)
        {
            if (pairs.Count > 0 || loose.Count > 1)
            {
                return ([], $"--output {UntrustedText.Visible(loose[0])} comes before any --format; {Usage}");
            }

            pairs.Add(("console", loose[0]));
        }

        if (pairs.Count == 0)
        {
            pairs.Add(("console", null));
        }

        if (pairs.Count(p => p.Output is null) > 1)
        {
            return ([], $"{string.Join(", ", pairs.Where(p => p.Output is null).Select(p => p.Format))} would all go to standard output; {Usage}");
        }

        var twice = pairs.Where(p => p.Output is not null).GroupBy(p => Path.GetFullPath(p.Output!), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return twice is null ? (pairs, null) : ([], $"two reports would be written to {UntrustedText.Visible(twice.First().Output)}; {Usage}");
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
