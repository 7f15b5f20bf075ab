using System.CommandLine;
using System.Globalization;
using Grader.Core.Comparison;

namespace Grader.Cli;

/// <summary><c>grader history PATH [--format console|json|html] [--output FILE]</c>: the score at every commit that touched PATH.</summary>
internal static class HistoryCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        var path = new Argument<string>("PATH") { Description = "An answer tracked in git" };
        var problem = new Option<string?>("--problem") { Description = "Grade every revision against this problem's rubric" };
        var format = new Option<string>("--format") { Description = "Report format", DefaultValueFactory = _ => "console" };
        format.AcceptOnlyFromAmong("console", "json", "html");
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to FILE" };
        var maxSize = CheckCommand.MaxSize();
        var command = new Command("history", "Score an answer at every commit that touched it") { path, problem, format, output, maxSize };
        var trust = TrustOptions.Create();
        trust.AddTo(command);
        command.SetAction(parse => Run(
            parse.GetValue(path)!, parse.GetValue(problem), parse.GetValue(format)!, parse.GetValue(output), (long)(parse.GetValue(maxSize) * 1048576),
            trust.Read(parse, environment, gateOnCommandLine: false), stdout, stderr));
        return command;
    }

    private static int Run(string path, string? problem, string format, string? output, long maxBytes, TrustSettings trust, TextWriter stdout, TextWriter stderr)
    {
        var (commits, error) = GitRepository.Log(path);
        if (commits is null || commits.Count == 0)
        {
            stderr.WriteLine($"grader: error: {error ?? $"{path} has no commits in git history"}");
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

        var history = new List<HistoryEntry>();
        var unreadable = false;
        foreach (var commit in commits)
        {
            if (commit.Deleted)
            {
                // A commit that deleted the file has nothing to grade.
                stderr.WriteLine($"grader: note: {commit.ShortId} deleted {commit.PathAtCommit}");
                continue;
            }

            // One revision too large or binary is reported and the others still graded, as check does with files.
            var (text, showError) = GitRepository.ShowAtCommit(path, commit, maxBytes);
            if (text is null)
            {
                stderr.WriteLine($"grader: error: {showError}");
                unreadable = true;
                continue;
            }

            history.Add(new HistoryEntry(commit.ShortId, commit.Date, commit.Subject, items[0].Engine.Grade(path.Replace('\\', '/'), text, problem, items[0].Config)));
        }

        using var buffer = new MemoryStream();
        var normalized = path.Replace('\\', '/');
        switch (format)
        {
            case "json":
                ComparisonWriters.WriteHistoryJson(buffer, normalized, history);
                break;
            case "html":
                ComparisonWriters.WriteHistoryHtml(buffer, normalized, history);
                break;
            default:
                using (var writer = new StreamWriter(buffer, leaveOpen: true) { NewLine = "\n" })
                {
                    writer.WriteLine($"{"commit",-10}{"date",-12}{"score",7}  {"band",-13}subject");
                    foreach (var e in history)
                    {
                        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{e.Commit,-10}{e.Date,-12}{e.Result.Score.Total,7:0.0}  {e.Result.Score.Band,-13}{Core.Reporting.UntrustedText.Visible(e.Subject)}"));
                    }
                }

                break;
        }

        ReportOutputs.Emit(buffer.ToArray(), output, stdout);

        return unreadable ? ExitCodes.BadInput : ExitCodes.Graded;
    }
}
