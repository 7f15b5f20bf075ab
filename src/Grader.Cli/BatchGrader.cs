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

    public sealed record Item(string Path, GraderConfig Config, GradingEngine Engine);

    /// <summary>Resolves each file's configuration and rubric set; problems there stop the run before grading.</summary>
    public (List<Item> Items, List<string> Errors) Prepare(IEnumerable<string> files)
    {
        var items = new List<Item>();
        var errors = new List<string>();
        foreach (var file in files)
        {
            var (config, configError) = _configs.Resolve(file);
            if (configError is not null)
            {
                errors.Add(configError.ToString());
                continue;
            }

            var folders = config.RubricFolders.Concat(extraRubricFolders.Select(Path.GetFullPath)).Distinct(StringComparer.Ordinal).ToList();
            var key = string.Join('\n', folders);
            if (!_engines.TryGetValue(key, out var entry))
            {
                var (catalog, rubricErrors) = RubricCatalog.Load(DescriptorCatalog.Ids, folders.Where(Directory.Exists));
                entry = (rubricErrors.IsEmpty ? new GradingEngine(catalog) : null, rubricErrors);
                _engines[key] = entry;
                errors.AddRange(rubricErrors.Select(e => e.ToString()));
                errors.AddRange(folders.Where(f => !Directory.Exists(f)).Select(f => $"{config.Files.FirstOrDefault() ?? "--rubrics"}: error config.rubrics-missing: rubric folder '{f}' does not exist"));
            }

            if (entry.Engine is not null)
            {
                items.Add(new Item(file, config, entry.Engine));
            }
        }

        return (items, errors.Distinct(StringComparer.Ordinal).ToList());
    }

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
            var (answer, error) = AnswerReader.Read(item.Path, maxBytes);
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
