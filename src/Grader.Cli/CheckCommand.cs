using System.CommandLine;
using System.Globalization;
using System.Text;
using Grader.Core.Diagnostics;
using Grader.Core.IO;
using Grader.Core.Reporting;
using Grader.Core.Runs;
using Spectre.Console;

namespace Grader.Cli;

/// <summary>
/// <c>grader check PATH... [--stdin-name PATH] [--problem ID] [--format F --output FILE]... [--jobs N] [--summary-csv FILE]
/// [--fail-under SCORE] [--fail-on error|warning|none] [--rubrics DIR]... [--config FILE] [--no-config-lookup] [--ci]
/// [--strict-config] [--no-inline-suppressions] [--answer-timeout SECONDS] [--color auto|always|never]</c>
/// </summary>
internal static class CheckCommand
{
    /// <param name="stdout">Where reports without --output go.</param>
    /// <param name="stderr">Errors, notices and gate failures.</param>
    /// <param name="environment">The environment variables the command reads (CI, NO_COLOR, TERM).</param>
    /// <param name="stdin">Standard input, for the PATH '-'; null for the process's own.</param>
    public static Command Create(TextWriter stdout, TextWriter stderr, Func<string, string?> environment, Stream? stdin = null)
    {
        var paths = new Argument<string[]>("PATH") { Description = "Answer files, folders, or globs such as 'answers/**/*.md'; '-' reads one answer from standard input", Arity = ArgumentArity.OneOrMore };
        var stdinName = new Option<string?>("--stdin-name")
        {
            Description = "The path reports show for the answer read from standard input ('-'), also used to find its .grader.yaml and match config problem globs (default <stdin>, in the working directory)",
        };
        var problem = new Option<string?>("--problem") { Description = "Grade against this problem's rubric (overrides front matter and config)" };
        var format = new Option<string[]>("--format") { Description = "Report format; repeat to write several, each followed by its --output", Arity = ArgumentArity.ZeroOrMore };
        format.AcceptOnlyFromAmong(ReportOutputs.Formats);
        var output = new Option<string[]>("--output", "-o") { Description = "Write the --format given just before to FILE instead of standard output", Arity = ArgumentArity.ZeroOrMore };
        var jobs = new Option<int>("--jobs", "-j")
        {
            Description = "Answers graded in parallel (1 to 256)",
            DefaultValueFactory = _ => Environment.ProcessorCount,
            CustomParser = r => NumberOptions.Parse(r, 1, 256, "a whole number"),
        };
        var summaryCsv = new Option<string?>("--summary-csv") { Description = "Also write a CSV summary (file, problem, score, band, errors, warnings)" };
        var failUnder = new Option<double?>("--fail-under")
        {
            Description = "Exit 1 when an answer scores below SCORE, 0 to 100 (overrides config failUnder)",
            CustomParser = r => NumberOptions.Parse(r, 0.0, 100.0, "a score"),
        };
        var failOn = new Option<string>("--fail-on") { Description = "Exit 1 on findings of this severity or worse", DefaultValueFactory = _ => "error" };
        failOn.AcceptOnlyFromAmong("error", "warning", "none");
        var rubrics = new Option<string[]>("--rubrics") { Description = "A folder of extra rubrics (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        var helpBase = new Option<Uri?>("--help-base")
        {
            Description = "Absolute URL where docs/rules is published, for help links in reports (e.g. https://github.com/ORG/grader/blob/main/docs/rules/)",
            CustomParser = LlmOptions.AbsoluteUri,
        };
        var maxSize = MaxSize();
        var answerTimeout = new Option<double>("--answer-timeout")
        {
            Description = "Seconds one answer may take to read and grade; past it the answer is an error and the batch goes on (0: no limit)",
            DefaultValueFactory = _ => Core.Runs.CheckRun.DefaultAnswerTimeout.TotalSeconds,
            CustomParser = r => NumberOptions.Parse(r, 0.0, 86400.0, "a number of seconds (0: no limit)"),
        };
        var baseline = new Option<string?>("--baseline") { Description = "A previous JSON or SARIF report: report only findings that are new since then" };
        var color = ConsoleColors.Create();
        var watch = new Option<bool>("--watch") { Description = "Regrade on every save and redraw the console report, with each score's change since the previous save (Ctrl+C stops)" };
        var trust = TrustOptions.Create();
        var llm = LlmOptions.Create();
        var command = new Command("check", "Grade answers and report findings and scores")
        {
            paths, stdinName, problem, format, output, jobs, summaryCsv, failUnder, failOn, rubrics, helpBase, baseline, maxSize, answerTimeout, color, watch,
        };
        trust.AddTo(command);
        llm.AddTo(command);
        command.SetAction(parse => Run(
            new Settings(
                parse.GetValue(paths)!, parse.GetValue(problem), ReportOutputs.InOrder(parse, format, output),
                parse.GetValue(jobs), parse.GetValue(summaryCsv), parse.GetValue(failUnder), parse.GetValue(failOn)!, parse.GetValue(rubrics) ?? [],
                parse.GetValue(helpBase), parse.GetValue(baseline), config => llm.Read(parse, config), (long)(parse.GetValue(maxSize) * 1048576),
                trust.Read(parse, environment, gateOnCommandLine: parse.GetResult(failOn) is { Implicit: false } || parse.GetValue(failUnder) is not null))
            {
                AnswerTimeout = TimeSpan.FromSeconds(Math.Min(parse.GetValue(answerTimeout), int.MaxValue / 1000.0)),
                StdinName = parse.GetValue(stdinName),
                Color = parse.GetValue(color)!,
                Watch = parse.GetValue(watch),
            },
            new Io(stdout, stderr, environment, stdin)));
        return command;
    }

    /// <summary>--max-size, shared by check, compare and history: from a kilobyte to a gigabyte.</summary>
    internal static Option<double> MaxSize() => new("--max-size")
    {
        Description = "Largest answer accepted, in MB",
        DefaultValueFactory = _ => AnswerReader.DefaultMaxBytes / 1048576.0,
        CustomParser = r => NumberOptions.Parse(r, 0.001, 1024.0, "a size in MB"),
    };

    private sealed record Settings(
        string[] Paths, string? Problem, List<(bool IsFormat, string Value)>? Reports, int Jobs, string? SummaryCsv, double? FailUnder, string FailOn, string[] Rubrics,
        Uri? HelpBase, string? Baseline, Func<Core.Configuration.LlmConfig?, Llm.LlmSettings?> LlmFor, long MaxBytes, TrustSettings Trust)
    {
        public TimeSpan AnswerTimeout { get; init; } = Core.Runs.CheckRun.DefaultAnswerTimeout;

        public string? StdinName { get; init; }

        public string Color { get; init; } = "auto";

        public bool Watch { get; init; }
    }

    private sealed record Io(TextWriter Stdout, TextWriter Stderr, Func<string, string?> Environment, Stream? Stdin);

    private static int Run(Settings settings, Io io)
    {
        var (stdout, stderr) = (io.Stdout, io.Stderr);
        if (settings.Watch)
        {
            return Watch(settings, stdout, stderr);
        }

        var (pairs, pairError) = ReportOutputs.Pair(settings.Reports);
        if (pairError is not null)
        {
            stderr.WriteLine($"grader: error: {pairError}");
            return ExitCodes.BadInput;
        }

        var stdinCount = settings.Paths.Count(p => p == InputFiles.StandardInput);
        var stdinProblem = stdinCount > 1 ? "'-' (standard input) may be given only once"
            : settings.StdinName is not null && stdinCount == 0 ? "--stdin-name names standard input, but '-' is not among the paths"
            : settings.StdinName is { Length: 0 } ? "--stdin-name needs a path"
            : null;
        if (stdinProblem is not null)
        {
            stderr.WriteLine($"grader: error: {stdinProblem}");
            return ExitCodes.BadInput;
        }

        Core.Comparison.Baseline? baseline = null;
        if (settings.Baseline is not null)
        {
            var (loaded, baselineError) = File.Exists(settings.Baseline)
                ? Core.Comparison.Baseline.Read(File.ReadAllText(settings.Baseline))
                : (null, "does not exist");
            if (loaded is null)
            {
                stderr.WriteLine($"grader: error: baseline {settings.Baseline} {baselineError}");
                return ExitCodes.BadInput;
            }

            baseline = loaded;
        }

        var stdinName = InputFiles.Normalize(settings.StdinName ?? InputFiles.StandardInputName);
        var (files, readErrors) = InputFiles.Expand(settings.Paths, stdinName);
        var resolver = new Core.Configuration.ConfigResolver(settings.Trust.Policy);
        var run = new CheckRun(new CheckRunOptions(settings.Rubrics, settings.Problem, settings.Jobs, settings.MaxBytes, settings.AnswerTimeout), resolver, TrustOptions.Shown);
        var (items, setupErrors) = run.Prepare(files);
        foreach (var notice in resolver.Notices)
        {
            stderr.WriteLine(Core.Reporting.UntrustedText.Visible((notice with { File = TrustOptions.Shown(notice.File) }).ToString()));
        }

        if (setupErrors.Count > 0)
        {
            setupErrors.ForEach(e => stderr.WriteLine(UntrustedText.Visible(e)));
            return ExitCodes.BadInput;
        }

        // Counted before standard input is read: an answer that cannot be read is still one input.
        var summary = files.Count + readErrors.Count > 1;
        if (stdinCount == 1 && items.FindIndex(i => i.Path == stdinName) is var index and >= 0)
        {
            var (text, error) = ReadStandardInput(stdinName, settings.MaxBytes, io);
            if (text is null)
            {
                items.RemoveAt(index);
                readErrors.Add(error!);
            }
            else
            {
                items[index] = items[index] with { Text = text };
            }
        }

        var llmSettings = settings.LlmFor(items.Select(i => i.Config.Llm).FirstOrDefault(l => l is not null));
        var failOn = settings.FailOn switch { "warning" => Severity.Warning, "error" => Severity.Error, _ => (Severity?)null };
        var gates = new GatePolicy(failOn, settings.FailUnder, LlmRequired: llmSettings is { Required: true });
        var helpBase = settings.HelpBase is { } b && !b.AbsoluteUri.EndsWith('/') ? new Uri(b.AbsoluteUri + "/") : settings.HelpBase;
        var toTerminal = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;
        var sinks = pairs.Select(p => ReportSink.Create(p.Format, p.Output, stdout, helpBase, summary,
            p.Format == "console" && ConsoleColors.Use(settings.Color, toTerminal && p.Output is null, settings.Trust.CiMode, io.Environment))).ToList();
        var rows = new List<SummaryRow>();
        var errors = new List<ReadError>(readErrors);
        var failed = false;
        var gateFailures = new List<GateFailure>();
        var usedRubrics = new SortedDictionary<string, Core.Rubrics.RubricFile>(StringComparer.Ordinal);
        var suppressions = new List<AppliedSuppression>();
        var rulesOff = new List<RuleOff>();
        try
        {
            var configs = items.ToDictionary(i => i.Path, i => i, StringComparer.Ordinal);
            using var client = llmSettings is null ? null : Llm.ChatClientFactory.Create(llmSettings);
            // Feedback is asked for a window at a time, in parallel: a window as wide as before the windows shrank.
            foreach (var window in GradeWithProgress(run, items, settings, stdout, client is null ? null : FeedbackWindow))
            {
                var graded = window.Where(w => w.Result is not null).Select(w => w.Result!).ToList();
                if (client is not null)
                {
                    // Advisory only: it runs after the grade is fixed and can add feedback or one warning, nothing else.
                    graded = [.. Llm.FeedbackRunner.RunAsync([.. graded], client, llmSettings!, r => configs[r.Path].Engine.Compile(r.Problem.Id).Rubric).GetAwaiter().GetResult()];
                }

                var next = 0;
                foreach (var (result, error) in window)
                {
                    if (error is not null)
                    {
                        errors.Add(error);
                        continue;
                    }

                    var final = baseline is null ? graded[next] : baseline.Apply(graded[next]);
                    next++;
                    rows.Add(SummaryRows.Of(final));
                    foreach (var file in configs[final.Path].Engine.Catalog.FilesOf(final.Problem.Id))
                    {
                        usedRubrics.TryAdd(file.Path, file with { Path = TrustOptions.Shown(file.Path) });
                    }

                    suppressions.AddRange(AppliedSuppression.Of(final));
                    rulesOff.AddRange(RuleOff.Of(final).Select(r => r with { Config = TrustOptions.Shown(r.Config) }));
                    if (gates.Check(configs[final.Path].Config, final) is { } reason)
                    {
                        failed = true;
                        gateFailures.Add(new GateFailure(final.Path, reason));
                    }

                    sinks.ForEach(sink => sink.Add(final));
                }
            }

            var provenance = new Provenance(
                settings.Trust.CiMode,
                [.. resolver.Sources.Select(c => c with { Path = TrustOptions.Shown(c.Path) })],
                [.. usedRubrics.Values],
                [.. suppressions],
                settings.Trust.Policy.InlineSuppressions,
                llmSettings is null ? null : new LlmProvenance(llmSettings.Provider, Core.Llm.Endpoints.Display(llmSettings.Endpoint), llmSettings.Model),
                [.. rulesOff]);
            sinks.ForEach(sink => sink.Complete(errors, provenance, gateFailures));
        }
        finally
        {
            sinks.ForEach(s => s.Dispose());
        }

        foreach (var error in errors)
        {
            stderr.WriteLine($"grader: error: {UntrustedText.Visible(error.Path)}: {UntrustedText.Visible(error.Message)}");
        }

        // A failed gate says which, for which answer, and why: exit 1 alone tells a student nothing.
        foreach (var gate in gateFailures)
        {
            stderr.WriteLine($"grader: gate failed: {UntrustedText.Visible(gate.Path)}: {UntrustedText.Visible(gate.Reason)}");
        }

        if (settings.SummaryCsv is not null)
        {
            Core.IO.AtomicFile.Write(settings.SummaryCsv, Encoding.UTF8.GetBytes(SummaryCsv(rows, errors)));
        }

        // A lost report is never silent: the others were written, and the exit code says this one was not.
        var lost = sinks.Where(s => s.Failure is not null).ToList();
        lost.ForEach(s => stderr.WriteLine($"grader: error: {s.Failure}"));
        if (lost.Count > 0)
        {
            return lost.All(s => s.FailedOnInputOutput) ? ExitCodes.BadInput : ExitCodes.InternalError;
        }

        if (errors.Count > 0)
        {
            return ExitCodes.BadInput;
        }

        return failed ? ExitCodes.Failed : ExitCodes.Graded;
    }

    /// <summary>The answer piped in for '-'. A person typing it at a terminal is told how to end it.</summary>
    private static (string? Text, ReadError? Error) ReadStandardInput(string name, long maxBytes, Io io)
    {
        if (io.Stdin is null && !Console.IsInputRedirected)
        {
            io.Stderr.WriteLine("grader: reading the answer from standard input; end it with Ctrl-D (Ctrl-Z then Enter on Windows)");
        }

        return AnswerReader.Read(name, io.Stdin ?? Console.OpenStandardInput(), maxBytes);
    }

    // The watch loop lives in CheckWatch; it shows the console report only, so options that write other reports are refused.
    private static int Watch(Settings settings, TextWriter stdout, TextWriter stderr)
    {
        if (settings.Reports is not { Count: 0 } || settings.SummaryCsv is not null || settings.Baseline is not null)
        {
            stderr.WriteLine("grader: error: --watch shows the console report only; drop --format, --output, --summary-csv and --baseline");
            return ExitCodes.BadInput;
        }

        using var stop = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return CheckWatch.Run(
                new CheckWatch.Options(settings.Paths, settings.Problem, settings.Rubrics, settings.Trust, settings.Jobs, settings.MaxBytes, settings.AnswerTimeout),
                stdout, stderr, stop.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    private const int FeedbackWindow = 64;

    private static IEnumerable<(Core.GradeResult? Result, ReadError? Error)[]> GradeWithProgress(CheckRun run, List<CheckRun.Item> items, Settings settings, TextWriter stdout, int? windowSize)
    {
        // A bar only for a person at a terminal: never when output is redirected, in CI, or under test.
        var interactive = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected && !Console.IsErrorRedirected
            && !settings.Trust.CiMode && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")) && items.Count > 1;
        if (!interactive)
        {
            return run.GradeInWindows(items, window: windowSize);
        }

        // The bar lives on the terminal while the windows are produced; output is written after each window.
        var windows = new List<(Core.GradeResult?, ReadError?)[]>();
        AnsiConsole.Progress().AutoClear(true).Start(progress =>
        {
            var task = progress.AddTask($"Grading {items.Count} answers", maxValue: items.Count);
            foreach (var window in run.GradeInWindows(items, () => task.Increment(1), windowSize))
            {
                windows.Add(window);
            }
        });
        return windows;
    }

    private static string SummaryCsv(List<SummaryRow> rows, List<ReadError> errors)
    {
        var csv = new StringBuilder("file,problem,source,score,band,errors,warnings,suppressed\n");
        foreach (var r in rows)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{Csv(r.Path)},{r.Problem},{r.Source},{r.Score:0.0},{r.Band},{r.Errors},{r.Warnings},{r.Suppressed}\n");
        }

        foreach (var e in errors)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{Csv(e.Path)},,,,not graded,1,0,0\n");
        }

        return csv.ToString();
    }

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
}
