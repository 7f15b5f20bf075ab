using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text;
using Grader.Core.IO;
using Grader.Core.Reporting;

namespace Grader.Cli;

/// <summary>Pairs each --format with the --output that follows it, and knows every format by its writer.</summary>
internal static class ReportOutputs
{
    /// <summary>Every --format name, in the order help lists them.</summary>
    public static readonly string[] Formats = [.. Writers(summary: false).Select(w => w.Format)];

    /// <summary>
    /// Every format's writer, keyed by its <see cref="IReportWriter.Format"/>: the console report (the CLI's own), then
    /// Core's. <paramref name="summary"/> gives the console report a batch's closing table.
    /// </summary>
    public static IReadOnlyList<IReportWriter> Writers(bool summary, bool color = false) => [new ConsoleReportWriter(summary, color), .. ReportFormats.Writers];

    public static IReportWriter Writer(string format, bool summary, bool color = false) => Writers(summary, color).Single(w => w.Format == format);

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

            pairs.Add((ConsoleReportWriter.Name, loose[0]));
        }

        if (pairs.Count == 0)
        {
            pairs.Add((ConsoleReportWriter.Name, null));
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
        Writer(format, summary).Write(buffer, run);
        return buffer.ToArray();
    }

    /// <summary>A finished report to standard output, or atomically to <paramref name="output"/>.</summary>
    public static void Emit(byte[] bytes, string? output, TextWriter stdout)
    {
        if (output is null)
        {
            stdout.Write(Encoding.UTF8.GetString(bytes));
        }
        else
        {
            AtomicFile.Write(output, bytes);
        }
    }
}
