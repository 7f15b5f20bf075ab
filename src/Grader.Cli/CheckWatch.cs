using System.Globalization;
using System.Security.Cryptography;
using System.Threading.Channels;
using Grader.Core.Configuration;
using Grader.Core.Reporting;

namespace Grader.Cli;

/// <summary>
/// <c>grader check --watch PATH...</c>: grades the answers, then again whenever one is saved, and redraws the console
/// report of what was regraded, the summary table (for several answers) and each regraded answer's score change since
/// its previous grade. The screen is cleared first only on a terminal; redirected output keeps every run in turn.
/// A config or rubric file that changes regrades everything. Runs until cancelled (Ctrl+C).
/// </summary>
internal sealed class CheckWatch
{
    private readonly Options _options;
    private readonly Dictionary<string, string?> _hashes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> _scores = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SummaryRow> _rows = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileSystemWatcher> _watchers = new(StringComparer.Ordinal);
    private readonly Channel<string> _events = Channel.CreateUnbounded<string>();
    private ConfigResolver _resolver;
    private BatchGrader _batch;
    private int _noticesShown;

    private CheckWatch(Options options)
    {
        _options = options;
        (_resolver, _batch) = Fresh();
    }

    internal sealed record Options(
        IReadOnlyList<string> Paths, string? Problem, IReadOnlyList<string> Rubrics, TrustSettings Trust, int Jobs, long MaxBytes, TimeSpan AnswerTimeout);

    /// <summary>How long to wait after a file event for the rest of the save (editors write, rename and touch in turn).</summary>
    internal static TimeSpan Settle { get; set; } = TimeSpan.FromMilliseconds(200);

    public static int Run(Options options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var watch = new CheckWatch(options);
        try
        {
            foreach (var path in options.Paths)
            {
                var (folder, recursive) = Directory.Exists(path) ? (path, true)
                    : InputFiles.IsGlob(path) ? (GlobRoot(path), true)
                    : (Path.GetDirectoryName(Path.GetFullPath(path))!, false);
                watch.Watch(folder, recursive);
            }

            foreach (var folder in options.Rubrics)
            {
                watch.Watch(folder, recursive: false);
            }

            watch.Grade(stdout, stderr, everything: true);
            while (!cancellationToken.IsCancellationRequested)
            {
                var touched = new List<string> { watch._events.Reader.ReadAsync(cancellationToken).AsTask().GetAwaiter().GetResult() };
                Task.Delay(Settle, cancellationToken).GetAwaiter().GetResult();
                while (watch._events.Reader.TryRead(out var more))
                {
                    touched.Add(more);
                }

                watch.Grade(stdout, stderr, everything: touched.Any(IsSetting));
            }
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: the last report stays on the screen.
        }
        finally
        {
            foreach (var watcher in watch._watchers.Values)
            {
                watcher.Dispose();
            }
        }

        return ExitCodes.Graded;
    }

    /// <summary>
    /// Grades the answers whose bytes changed since they were last graded (all of them after a config or rubric change)
    /// and redraws. An event that changed no answer (an editor's temporary file, a save of the same text) draws nothing.
    /// </summary>
    private void Grade(TextWriter stdout, TextWriter stderr, bool everything)
    {
        if (everything)
        {
            (_resolver, _batch) = Fresh();
        }

        var (files, readErrors) = InputFiles.Expand(_options.Paths);
        var changed = files.Where(f => everything || !_hashes.TryGetValue(f, out var known) || known != Hash(f)).ToList();
        if (changed.Count == 0)
        {
            return;
        }

        changed.ForEach(f => _hashes[f] = Hash(f));
        Clear(stdout);
        var (items, setupErrors) = _batch.Prepare(changed);
        for (var notices = _resolver.Notices; _noticesShown < notices.Length; _noticesShown++)
        {
            stderr.WriteLine(UntrustedText.Visible((notices[_noticesShown] with { File = TrustOptions.Shown(notices[_noticesShown].File) }).ToString()));
        }

        if (setupErrors.Count > 0)
        {
            // A config being edited may be invalid for a while: say so and wait for the next save.
            setupErrors.ForEach(e => stdout.WriteLine(UntrustedText.Visible(e)));
            Footer(stdout, files.Count);
            return;
        }

        foreach (var source in _resolver.Sources)
        {
            Watch(Path.GetDirectoryName(source.Path)!, recursive: false);
        }

        foreach (var folder in items.SelectMany(i => i.Config.RubricFolders).Distinct(StringComparer.Ordinal))
        {
            Watch(folder, recursive: false);
        }

        var errors = new List<ReadError>(readErrors);
        var deltas = new List<string>();
        foreach (var window in BatchGrader.GradeInWindows(items, _options.Problem, _options.Jobs, _options.MaxBytes, _options.AnswerTimeout))
        {
            foreach (var (result, error) in window)
            {
                if (error is not null)
                {
                    errors.Add(error);
                    _rows.Remove(error.Path);
                    continue;
                }

                ConsoleReport.WriteResult(stdout, result!);
                _rows[result!.Path] = SummaryRows.Of(result);
                var total = result.Score.Total;
                deltas.Add(_scores.TryGetValue(result.Path, out var before)
                    ? string.Create(CultureInfo.InvariantCulture, $"{UntrustedText.Visible(result.Path)}: {before:0.0} -> {total:0.0} ({Signed(total - before)} since the previous save)")
                    : string.Create(CultureInfo.InvariantCulture, $"{UntrustedText.Visible(result.Path)}: {total:0.0}"));
                _scores[result.Path] = total;
            }
        }

        ConsoleReport.WriteErrors(stdout, errors);
        if (files.Count > 1)
        {
            ConsoleReport.WriteSummary(stdout, [.. files.Where(_rows.ContainsKey).Select(f => _rows[f])], errors);
        }

        deltas.ForEach(stdout.WriteLine);
        Footer(stdout, files.Count);
    }

    private void Watch(string folder, bool recursive)
    {
        var full = Path.GetFullPath(folder);
        if (_watchers.ContainsKey(full) || !Directory.Exists(full))
        {
            return;
        }

        var watcher = new FileSystemWatcher(full)
        {
            IncludeSubdirectories = recursive,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.DirectoryName,
        };
        watcher.Changed += (_, e) => _events.Writer.TryWrite(e.FullPath);
        watcher.Created += (_, e) => _events.Writer.TryWrite(e.FullPath);
        watcher.Deleted += (_, e) => _events.Writer.TryWrite(e.FullPath);
        watcher.Renamed += (_, e) => _events.Writer.TryWrite(e.FullPath);
        watcher.EnableRaisingEvents = true;
        _watchers[full] = watcher;
    }

    private (ConfigResolver, BatchGrader) Fresh()
    {
        var resolver = new ConfigResolver(_options.Trust.Policy);
        _noticesShown = 0;
        return (resolver, new BatchGrader(_options.Rubrics, resolver));
    }

    private static void Footer(TextWriter stdout, int files) =>
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"watching {files} answer{(files == 1 ? "" : "s")} for changes; Ctrl+C stops"));

    // Only a person at a terminal gets a fresh screen; a log or a pipe keeps every run.
    private static void Clear(TextWriter stdout)
    {
        if (ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected)
        {
            Console.Clear();
        }
    }

    private static bool IsSetting(string path) =>
        path.EndsWith(ConfigResolver.FileName, StringComparison.Ordinal)
        || path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    private static string? Hash(string file)
    {
        try
        {
            // Pipes and devices report length 0 and may never end: they are not opened here (grading reports them).
            if (new FileInfo(file) is not { Exists: true, Length: > 0 })
            {
                return "";
            }

            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return Convert.ToHexString(SHA256.HashData(stream));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string GlobRoot(string pattern)
    {
        var normalized = pattern.Replace('\\', '/');
        var slash = normalized.LastIndexOf('/', normalized.IndexOfAny(['*', '?', '[']));
        return slash < 0 ? "." : normalized[..slash];
    }

    private static string Signed(double delta)
    {
        // Rounded first, and never "-0.0": a change too small to show is no change.
        var rounded = Math.Round(delta, 1) is var r && r == 0 ? 0 : Math.Round(delta, 1);
        return (rounded >= 0 ? "+" : "") + rounded.ToString("0.0", CultureInfo.InvariantCulture);
    }
}
