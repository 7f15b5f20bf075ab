using System.CommandLine;
using System.Globalization;
using Grader.Core.Comparison;
using Grader.Core.Diagnostics;
using Grader.Core.IO;
using Grader.Core.Mapping;

namespace Grader.Cli;

/// <summary>
/// <c>grader compare OLD NEW</c> (files or REV:PATH) or <c>grader compare --git REV1 REV2 PATH</c>: score and band
/// before and after, per-step deltas, and findings fixed, new and unchanged.
/// </summary>
internal static class CompareCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        var sides = new Argument<string[]>("OLD NEW") { Description = "Two answer files, or REV:PATH to read a file at a git revision", Arity = new ArgumentArity(0, 2) };
        var git = new Option<string[]>("--git") { Description = "REV1 REV2 PATH: one file at two git revisions", Arity = new ArgumentArity(3, 3), AllowMultipleArgumentsPerToken = true };
        var problem = new Option<string?>("--problem") { Description = "Grade both against this problem's rubric" };
        var format = new Option<string>("--format") { Description = "Report format", DefaultValueFactory = _ => "console" };
        format.AcceptOnlyFromAmong("console", "json", "markdown");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to FILE" };
        var maxSize = CheckCommand.MaxSize();
        var command = new Command("compare", "Compare two revisions of an answer") { sides, git, problem, format, output, maxSize };
        var trust = TrustOptions.Create();
        trust.AddTo(command);
        command.SetAction(parse => Run(
            parse.GetValue(sides) ?? [], parse.GetValue(git), parse.GetValue(problem), parse.GetValue(format)!, parse.GetValue(output),
            (long)(parse.GetValue(maxSize) * 1048576), trust.Read(parse, environment, gateOnCommandLine: false), stdout, stderr));
        return command;
    }

    private static int Run(string[] sides, string[]? git, string? problem, string format, string? output, long maxBytes, TrustSettings trust, TextWriter stdout, TextWriter stderr)
    {
        // --git always reads from git: a file that happens to be named "REV:PATH" must not stand in for the revision.
        var fromGit = git is { Length: 3 };
        if (fromGit)
        {
            sides = [$"{git![0]}:{git[2]}", $"{git[1]}:{git[2]}"];
        }

        if (sides.Length != 2)
        {
            stderr.WriteLine("grader: error: give OLD and NEW (files or REV:PATH), or --git REV1 REV2 PATH");
            return ExitCodes.BadInput;
        }

        var revisions = new List<Revision>();
        foreach (var side in sides)
        {
            var (path, text, error) = fromGit ? FromGit(git![revisions.Count], git[2], maxBytes) : Read(side, maxBytes);
            if (error is not null)
            {
                stderr.WriteLine($"grader: error: {error}");
                return ExitCodes.BadInput;
            }

            var resolver = new Core.Configuration.ConfigResolver(trust.Policy);
            var (items, setupErrors) = new Core.Runs.CheckRun(new Core.Runs.CheckRunOptions([]), resolver, TrustOptions.Shown).Prepare([path]);
            foreach (var notice in resolver.Notices)
            {
                stderr.WriteLine(Core.Reporting.UntrustedText.Visible((notice with { File = TrustOptions.Shown(notice.File) }).ToString()));
            }

            if (setupErrors.Count > 0)
            {
                setupErrors.ForEach(stderr.WriteLine);
                return ExitCodes.BadInput;
            }

            revisions.Add(new Revision(side.Replace('\\', '/'), items[0].Engine.Grade(path.Replace('\\', '/'), text!, problem, items[0].Config)));
        }

        var comparison = RevisionComparer.Compare(revisions[0], revisions[1]);
        using var buffer = new MemoryStream();
        switch (format)
        {
            case "json":
                ComparisonWriters.WriteJson(buffer, comparison);
                break;
            case "markdown":
                ComparisonWriters.WriteMarkdown(buffer, comparison);
                break;
            default:
                using (var writer = new StreamWriter(buffer, leaveOpen: true) { NewLine = "\n" })
                {
                    WriteConsole(writer, comparison);
                }

                break;
        }

        ReportOutputs.Emit(buffer.ToArray(), output, stdout);

        return ExitCodes.Graded;
    }

    /// <summary>
    /// A file on disk, or REV:PATH read through git (a path that exists wins over the REV:PATH reading). Files go
    /// through <see cref="AnswerReader"/> like answers in <c>check</c>: size limit, binary check, pipes and devices.
    /// </summary>
    internal static (string Path, string? Text, string? Error) Read(string side, long maxBytes)
    {
        if (File.Exists(side) || Directory.Exists(side) || new FileInfo(side).LinkTarget is not null)
        {
            var (answer, readError) = AnswerReader.Read(side, maxBytes);
            return (side, answer, readError is null ? null : $"{readError.Path}: {readError.Message}");
        }

        var colon = side.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == side.Length - 1)
        {
            return (side, null, $"{side}: file not found (for a git revision write REV:PATH)");
        }

        return FromGit(side[..colon], side[(colon + 1)..], maxBytes);
    }

    private static (string Path, string? Text, string? Error) FromGit(string revision, string path, long maxBytes)
    {
        var (text, error) = GitRepository.Show(revision, path, maxBytes);
        return (path, text, error);
    }

    private static void WriteConsole(TextWriter writer, Comparison comparison)
    {
        var (o, n) = (comparison.Old.Result.Score, comparison.New.Result.Score);
        writer.WriteLine($"{Core.Reporting.UntrustedText.Visible(comparison.Old.Label)} -> {Core.Reporting.UntrustedText.Visible(comparison.New.Label)}");
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"score {o.Total:0.0} ({o.Band}) -> {n.Total:0.0} ({n.Band}), {Signed(comparison.Delta)}"));
        writer.WriteLine();
        writer.WriteLine($"{"step",-14}{"before",8}{"after",8}{"delta",8}");
        foreach (var s in comparison.Steps)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{s.Step.ToId(),-14}{s.Before,8:0.0}{s.After,8:0.0}{Signed(s.Delta),8}"));
        }

        writer.WriteLine();
        writer.WriteLine($"findings: {comparison.Fixed.Length} fixed, {comparison.Added.Length} new, {comparison.Unchanged.Length} unchanged");
        foreach (var (mark, findings) in new[] { ("fixed", comparison.Fixed), ("new", comparison.Added) })
        {
            foreach (var f in findings)
            {
                var at = f.Diagnostic.Span.IsNone ? "" : $"({f.Diagnostic.Span.Line},{f.Diagnostic.Span.Column})";
                writer.WriteLine($"  {mark,-5} {f.Diagnostic.Id}{at} {f.Diagnostic.Step?.ToId() ?? "document"}: {Core.Reporting.UntrustedText.Visible(f.Diagnostic.Message)}");
            }
        }
    }

    private static string Signed(double value) => value.ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);
}
