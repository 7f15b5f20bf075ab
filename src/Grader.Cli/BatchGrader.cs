using System.Collections.Immutable;
using Grader.Core;
using Grader.Core.Configuration;
using Grader.Core.Diagnostics;
using Grader.Core.Reporting;
using Grader.Core.Rubrics;

namespace Grader.Cli;

/// <summary>
/// Grades many answers in parallel. Results come back in input order whatever the parallelism, and one file that
/// cannot be read or graded becomes its own error without touching the others.
/// </summary>
internal sealed class BatchGrader(IReadOnlyList<string> extraRubricFolders, ConfigResolver? configs = null)
{
    private readonly Dictionary<string, (GradingEngine? Engine, ImmutableArray<RubricError> Errors)> _engines = new(StringComparer.Ordinal);
    private readonly ConfigResolver _configs = configs ?? new ConfigResolver();

    /// <summary>One answer to grade; <c>Text</c> is set when it was read already (standard input), else Path is read.</summary>
    public sealed record Item(string Path, GraderConfig Config, GradingEngine Engine, string? Text = null);

    /// <summary>
    /// Resolves each file's configuration and rubric set; problems there stop the run before grading. All of them are
    /// reported at once: a config's own errors, its rubrics' errors, and the ids it names that those rubrics do not know.
    /// </summary>
    public (List<Item> Items, List<string> Errors) Prepare(IEnumerable<string> files)
    {
        var items = new List<Item>();
        var errors = new List<string>();
        foreach (var file in files)
        {
            var (config, configErrors) = _configs.Resolve(file);
            errors.AddRange(configErrors.Select(Shown));

            // Config files are never rubrics, even in a rubric folder (rubrics: [.]); one that stands in a rubric folder
            // under another name than .grader.yaml makes the rubric set differ.
            var folders = config.RubricFolders.Concat(extraRubricFolders.Select(Path.GetFullPath)).Distinct(StringComparer.Ordinal).ToList();
            var key = string.Join('\n', folders.Concat(config.Files.Where(f => folders.Contains(Path.GetDirectoryName(f) ?? "", StringComparer.Ordinal))));
            if (!_engines.TryGetValue(key, out var entry))
            {
                var (catalog, rubricErrors) = RubricCatalog.Load(DescriptorCatalog.Ids, folders.Where(Directory.Exists), config.IsConfigFile);
                entry = (rubricErrors.IsEmpty ? new GradingEngine(catalog) : null, rubricErrors);
                _engines[key] = entry;
                errors.AddRange(rubricErrors.Select(e => e.ToString()));
                errors.AddRange(extraRubricFolders.Where(f => !Directory.Exists(f)).Select(f => $"--rubrics: error config.rubrics-missing: rubric folder '{f}' does not exist"));
            }

            var idErrors = entry.Engine is null ? [] : _configs.CheckIds(config, entry.Engine.Catalog);
            errors.AddRange(idErrors.Select(Shown));
            if (entry.Engine is not null && configErrors.IsEmpty && idErrors.IsEmpty)
            {
                items.Add(new Item(file, config, entry.Engine));
            }
        }

        return (items, errors.Distinct(StringComparer.Ordinal).ToList());
    }

    // A config error names its file as the notices about it do: relative to the working directory when inside it.
    private static string Shown(RubricError error) => (error with { File = TrustOptions.Shown(error.File) }).ToString();

    /// <summary>
    /// Grades in windows of a few dozen answers, in parallel within a window, and hands each window back in input
    /// order: memory stays bounded by the window, not the batch, and output order never depends on timing.
    /// </summary>
    public static IEnumerable<(GradeResult? Result, ReadError? Error)[]> GradeInWindows(IReadOnlyList<Item> items, string? problem, int jobs, long maxBytes, Action? onDone = null) =>
        GradeInWindows(items, problem, jobs, maxBytes, DefaultAnswerTimeout, onDone);

    /// <summary>How long one answer may take to read and grade before it is reported as an error (0: no limit).</summary>
    public static readonly TimeSpan DefaultAnswerTimeout = TimeSpan.FromSeconds(10);

    public static IEnumerable<(GradeResult? Result, ReadError? Error)[]> GradeInWindows(IReadOnlyList<Item> items, string? problem, int jobs, long maxBytes, TimeSpan answerTimeout, Action? onDone = null)
    {
        var window = Math.Max(64, jobs * 32);
        (GradeResult?, ReadError?)[] Slice(int start)
        {
            var count = Math.Min(window, items.Count - start);
            var slice = new (GradeResult?, ReadError?)[count];
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs) }, i =>
            {
                slice[i] = GradeWithin(answerTimeout, items[start + i], problem, maxBytes);
                onDone?.Invoke();
            });
            return slice;
        }

        // The next window is graded while the caller reports this one: at most two windows are alive at once.
        var next = items.Count > 0 ? Task.Run(() => Slice(0)) : null;
        for (var start = 0; next is not null; start += window)
        {
            var current = next.GetAwaiter().GetResult();
            // A copy, not the loop variable: the task may start only after the loop has moved start on.
            var following = start + window;
            next = following < items.Count ? Task.Run(() => Slice(following)) : null;
            yield return current;
        }
    }

    /// <summary>
    /// Grades one answer on its own thread and waits at most <paramref name="budget"/>. Past it the answer becomes an
    /// error at once and the batch goes on; the abandoned grade is cancelled and stops at the engine's next check
    /// (between stages and analyzers), so it does not keep a core busy. A thread of its own rather than a pool task:
    /// the graders already occupy the pool, and the one stage that cannot be interrupted (Markdig's parse) must not
    /// hold up the report.
    /// </summary>
    internal static (GradeResult?, ReadError?) GradeWithin(TimeSpan budget, Item item, string? problem, long maxBytes)
    {
        if (budget <= TimeSpan.Zero || budget == Timeout.InfiniteTimeSpan)
        {
            return GradeOne(item, problem, maxBytes, CancellationToken.None);
        }

        var cancel = new CancellationTokenSource();
        var work = Task.Factory.StartNew(() => GradeOne(item, problem, maxBytes, cancel.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (((IAsyncResult)work).AsyncWaitHandle.WaitOne(budget))
        {
            cancel.Dispose();
            return work.GetAwaiter().GetResult();
        }

        cancel.Cancel();
        _ = work.ContinueWith(_ => cancel.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        return (null, new ReadError(item.Path, $"was not graded within the {budget.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s answer budget (--answer-timeout); the other answers are graded as usual"));
    }

    private static (GradeResult?, ReadError?) GradeOne(Item item, string? problem, long maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            var (answer, error) = item.Text is { } text ? (text, null) : AnswerReader.Read(item.Path, maxBytes);
            if (answer is null)
            {
                return (null, error);
            }

            return (item.Engine.Grade(item.Path, answer, problem, item.Config, cancellationToken), null);
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
