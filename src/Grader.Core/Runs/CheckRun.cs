using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.ExceptionServices;
using Grader.Core.Configuration;
using Grader.Core.Diagnostics;
using Grader.Core.IO;
using Grader.Core.Reporting;
using Grader.Core.Rubrics;

namespace Grader.Core.Runs;

/// <summary>What a run is asked to do, whatever front end asked: the command line, watch mode or the language server.</summary>
/// <param name="RubricFolders">Rubric folders added to every answer's configured ones (--rubrics).</param>
/// <param name="Problem">The problem every answer is graded against, overriding front matter and config; null to detect.</param>
/// <param name="Jobs">Answers graded in parallel.</param>
/// <param name="MaxBytes">Largest answer read.</param>
/// <param name="AnswerTimeout">How long one answer may take to read and grade (zero or infinite: no limit).</param>
public sealed record CheckRunOptions(
    IReadOnlyList<string> RubricFolders,
    string? Problem = null,
    int Jobs = 1,
    long MaxBytes = AnswerReader.DefaultMaxBytes,
    TimeSpan? AnswerTimeout = null)
{
    /// <summary>The budget in use: <see cref="CheckRun.DefaultAnswerTimeout"/> unless one was given.</summary>
    public TimeSpan Budget => AnswerTimeout ?? CheckRun.DefaultAnswerTimeout;
}

/// <summary>
/// One run over many answers: resolves each answer's configuration and rubric set, checks the run's problem against
/// every answer's rubrics (not only the first one's), grades in parallel with results in input order, and hands
/// results to <see cref="GatePolicy"/>. One file that cannot be read or graded becomes its own error without touching the others. Front ends
/// only render what it returns.
/// </summary>
public sealed class CheckRun(CheckRunOptions options, ConfigResolver? configs = null, Func<string, string>? shown = null)
{
    /// <summary>How long one answer may take to read and grade before it is reported as an error.</summary>
    public static readonly TimeSpan DefaultAnswerTimeout = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, (GradingEngine? Engine, ImmutableArray<RubricError> Errors)> _engines = new(StringComparer.Ordinal);
    private readonly ConfigResolver _configs = configs ?? new ConfigResolver();
    private readonly Func<string, string> _shown = shown ?? (p => p);

    public CheckRunOptions Options { get; } = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>The configuration resolver, with the notices and sources it collected.</summary>
    public ConfigResolver Configs => _configs;

    /// <summary>One answer to grade; <c>Text</c> is set when it was read already (standard input, an editor buffer), else Path is read.</summary>
    public sealed record Item(string Path, GraderConfig Config, GradingEngine Engine, string? Text = null);

    /// <summary>
    /// Resolves each file's configuration and rubric set; problems there stop the run before grading. All of them are
    /// reported at once: a config's own errors, its rubrics' errors, the ids it names that those rubrics do not know,
    /// and a run problem that some answer's rubrics do not define.
    /// </summary>
    public (List<Item> Items, List<string> Errors) Prepare(IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var items = new List<Item>();
        var errors = new List<string>();
        foreach (var file in files)
        {
            var (config, configErrors) = _configs.Resolve(file);
            errors.AddRange(configErrors.Select(Shown));

            // Config files are never rubrics, even in a rubric folder (rubrics: [.]); one that stands in a rubric folder
            // under another name than .grader.yaml makes the rubric set differ.
            var folders = config.RubricFolders.Concat(Options.RubricFolders.Select(Path.GetFullPath)).Distinct(StringComparer.Ordinal).ToList();
            var key = string.Join('\n', folders.Concat(config.Files.Where(f => folders.Contains(Path.GetDirectoryName(f) ?? "", StringComparer.Ordinal))));
            if (!_engines.TryGetValue(key, out var entry))
            {
                var (catalog, rubricErrors) = RubricCatalog.Load(DescriptorCatalog.Ids, folders.Where(Directory.Exists), config.IsConfigFile);
                entry = (rubricErrors.IsEmpty ? new GradingEngine(catalog) : null, rubricErrors);
                entry.Engine?.WarmUp();
                _engines[key] = entry;
                errors.AddRange(rubricErrors.Select(e => e.ToString()));
                errors.AddRange(Options.RubricFolders.Where(f => !Directory.Exists(f)).Select(f => $"--rubrics: error config.rubrics-missing: rubric folder '{f}' does not exist"));
            }

            var idErrors = entry.Engine is null ? [] : _configs.CheckIds(config, entry.Engine.Catalog);
            errors.AddRange(idErrors.Select(Shown));
            if (entry.Engine is not null && configErrors.IsEmpty && idErrors.IsEmpty)
            {
                items.Add(new Item(file, config, entry.Engine));
            }
        }

        if (Options.Problem is { } problem && UnknownProblem(problem, items) is { } unknown)
        {
            errors.Add(unknown);
        }

        return (items, errors.Distinct(StringComparer.Ordinal).ToList());
    }

    // The run's problem must be known to the rubrics of every answer it grades, whatever order the answers come in.
    private string? UnknownProblem(string problem, List<Item> items)
    {
        var missing = items.Where(i => problem == RubricCatalog.BaseId || !i.Engine.Catalog.TryGet(problem, out _)).ToList();
        if (missing.Count == 0)
        {
            return null;
        }

        var known = missing[0].Engine.Catalog.Problems.Select(p => p.Id).ToList();
        var where = missing.Count == items.Count ? "" : $" for {string.Join(", ", missing.Take(3).Select(i => _shown(i.Path)))}{(missing.Count > 3 ? ", ..." : "")} (their rubrics do not define it)";
        return $"grader: error: unknown problem '{problem}'{where}{Suggestion.DidYouMean(problem, known)} Known problems: {string.Join(", ", known)}";
    }

    // A config error names its file as the notices about it do.
    private string Shown(RubricError error) => (error with { File = _shown(error.File) }).ToString();

    /// <summary>
    /// Grades in parallel and hands the results back in input order, a window of answers at a time, so output order
    /// never depends on timing. The graders run ahead of what the caller has taken by at most two windows: memory stays
    /// bounded by the window, not the batch. Results come back <see cref="GradeResult.Compact"/>: reports read the
    /// source text, not the parse tree, and a window of full trees was most of a batch's peak memory.
    /// </summary>
    /// <param name="items">The answers, in the order their results come back.</param>
    /// <param name="onDone">Called as each answer is graded, on the thread that graded it (a progress bar).</param>
    /// <param name="window">
    /// Answers per window; by default a few per grading thread. Small windows keep few results alive when the
    /// collector runs (it copies every live one, twice, on its way to the oldest generation): 1,000 answers in windows
    /// of eight took 0.93x the CPU and 0.89x the wall time of windows of 64 graded one after another (15 pairs, 2
    /// cores), 79 MiB at peak instead of 92. A caller that works on a window as a whole (feedback from a language
    /// model, asked for in parallel) passes a larger one.
    /// </param>
    public IEnumerable<(GradeResult? Result, ReadError? Error)[]> GradeInWindows(IReadOnlyList<Item> items, Action? onDone = null, int? window = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        var jobs = Math.Max(1, Options.Jobs);
        return Pipeline(items, onDone, jobs, Math.Max(1, window ?? Math.Max(8, jobs * 4)));
    }

    private IEnumerable<(GradeResult? Result, ReadError? Error)[]> Pipeline(IReadOnlyList<Item> items, Action? onDone, int jobs, int window)
    {
        if (items.Count == 0)
        {
            yield break;
        }

        // Each grading thread takes the next answer once the caller has taken all but two windows' worth of those
        // before it; a result waits in its slot until the caller takes its window. No window waits for the slowest
        // answer of the one before it to start.
        var results = new (GradeResult?, ReadError?)[items.Count];
        var done = new bool[items.Count];
        var gate = new object();
        using var room = new SemaphoreSlim(2 * window);
        var next = -1;
        var stopped = false;
        ExceptionDispatchInfo? failure = null;
        void Work()
        {
            while (true)
            {
                room.Wait();
                var i = Interlocked.Increment(ref next);
                if (i >= items.Count || Volatile.Read(ref stopped))
                {
                    room.Release();
                    return;
                }

                (GradeResult?, ReadError?) graded;
                try
                {
                    var (result, error) = Grade(items[i]);
                    graded = (result?.Compact(), error);
                }
#pragma warning disable CA1031 // Grade reports an answer's failure as its error; anything past it must not stall the batch.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    graded = (null, new ReadError(items[i].Path, $"could not be graded ({ex.GetType().Name}); please report this file"));
                }

                lock (gate)
                {
                    (results[i], done[i]) = (graded, true);
                    Monitor.PulseAll(gate);
                }

                try
                {
                    onDone?.Invoke();
                }
#pragma warning disable CA1031 // Handed to the caller, which hears of it instead of waiting for answers no one grades.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    lock (gate)
                    {
                        failure ??= ExceptionDispatchInfo.Capture(ex);
                        Volatile.Write(ref stopped, true);
                        Monitor.PulseAll(gate);
                    }

                    return;
                }
            }
        }

        // Threads of their own: a grading thread waits for its answer's grade (see Grade) or for room, and the thread
        // pool is left to what it runs meanwhile.
        var workers = new Task[jobs];
        for (var k = 0; k < jobs; k++)
        {
            workers[k] = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        try
        {
            for (var start = 0; start < items.Count; start += window)
            {
                var slice = new (GradeResult?, ReadError?)[Math.Min(window, items.Count - start)];
                lock (gate)
                {
                    for (var k = 0; k < slice.Length; k++)
                    {
                        while (!done[start + k])
                        {
                            failure?.Throw();
                            Monitor.Wait(gate);
                        }

                        (slice[k], results[start + k]) = (results[start + k], default);
                    }
                }

                room.Release(slice.Length);
                yield return slice;
            }

            lock (gate)
            {
                failure?.Throw();
            }
        }
        finally
        {
            // A caller that stops early (an error, Ctrl+C) lets the grading threads go: each ends at its next answer.
            Volatile.Write(ref stopped, true);
            room.Release(jobs);
            Task.WaitAll(workers);
        }
    }

    /// <summary>
    /// Grades one answer on a grading thread (<see cref="GradingThreads"/>) and waits at most the answer budget. Past
    /// it the answer becomes an error at once and the batch goes on; the abandoned grade is cancelled and stops at the
    /// engine's next check (between stages and analyzers), so it does not keep a core busy. A grading thread rather
    /// than a pool task: the graders already occupy the pool, and the one stage that cannot be interrupted (Markdig's
    /// parse) must not hold up the report.
    /// </summary>
    public (GradeResult? Result, ReadError? Error) Grade(Item item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var budget = Options.Budget;
        if (budget <= TimeSpan.Zero || budget == Timeout.InfiniteTimeSpan)
        {
            return GradeOne(item, CancellationToken.None);
        }

        var cancel = new CancellationTokenSource();
        var work = GradingThreads.Shared.Run(() => GradeOne(item, cancel.Token));
        if (work.Wait(budget))
        {
            cancel.Dispose();
            return work.GetAwaiter().GetResult();
        }

        cancel.Cancel();
        _ = work.ContinueWith(_ => cancel.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        return (null, new ReadError(item.Path, $"was not graded within the {budget.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s answer budget (--answer-timeout); the other answers are graded as usual"));
    }

    private (GradeResult?, ReadError?) GradeOne(Item item, CancellationToken cancellationToken)
    {
        try
        {
            var (answer, error) = item.Text is { } text ? (text, null) : AnswerReader.Read(item.Path, Options.MaxBytes);
            if (answer is null)
            {
                return (null, error);
            }

            return (item.Engine.Grade(item.Path, answer, Options.Problem, item.Config, cancellationToken), null);
        }
        catch (OperationCanceledException)
        {
            return (null, new ReadError(item.Path, "was cancelled"));
        }
#pragma warning disable CA1031 // One answer that breaks the grader must not cost the others their results.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return (null, new ReadError(item.Path, $"could not be graded ({ex.GetType().Name}); please report this file"));
        }
    }
}
