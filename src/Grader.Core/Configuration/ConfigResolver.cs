using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Grader.Core.Diagnostics;
using Grader.Core.Rubrics;
using Microsoft.Extensions.FileSystemGlobbing;

namespace Grader.Core.Configuration;

/// <summary>
/// Finds the settings for an answer. An explicit <c>--config</c> file is trusted whole; otherwise, like
/// <c>.editorconfig</c>, every <c>.grader.yaml</c> from the answer's folder up to the repository root (the folder
/// holding <c>.git</c>) applies, nearest first, without the keys <see cref="TrustedKeys"/> reserves. What happens to
/// discovered files follows <see cref="ConfigPolicy.Discovery"/>. Thread-safe; each file is read once.
/// </summary>
public sealed class ConfigResolver
{
    public const string FileName = ".grader.yaml";

    /// <summary>The largest config file read; a real one is a few hundred bytes.</summary>
    public const int MaxBytes = 1024 * 1024;

    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);

    private const int MaxSuggestions = 20;

    private readonly ConfigPolicy _policy;
    private readonly ConcurrentDictionary<string, Lazy<Entry>> _byFile = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConfigSource> _sources = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string[]> _filesAbove = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ConfigNotice> _notices = new();
    private readonly ConcurrentDictionary<string, byte> _noticed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string File, RubricCatalog Catalog), ImmutableArray<RubricError>> _idChecks = new();
    // Built on the first config file met: a run without one never pays for FluentValidation's rule set.
    private readonly Lazy<ConfigValidator> _validator = new(() => new(DescriptorCatalog.All.Select(d => d.Category).ToHashSet(StringComparer.Ordinal)));

    public ConfigResolver()
        : this(ConfigPolicy.Local)
    {
    }

    public ConfigResolver(ConfigPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policy = policy;
    }

    // Dto is null when the file could not be read as YAML; Errors are its own problems, found without any rubric.
    private sealed record Entry(ConfigDto? Dto, ConfigDto? Safe, ConfigMarks? Marks, ImmutableArray<RubricError> Errors, string Sha256, List<ConfigNotice> Notices, List<string> IgnoredKeys);

    /// <summary>Warnings about config files so far, each once, in the order met: print them before grading.</summary>
    public ImmutableArray<ConfigNotice> Notices => [.. _notices];

    /// <summary>Every config file looked at so far, ordered by path: what the provenance record lists.</summary>
    public ImmutableArray<ConfigSource> Sources => [.. _sources.Values.OrderBy(s => s.Role == "explicit" ? 0 : 1).ThenBy(s => s.Path, StringComparer.Ordinal)];

    /// <summary>
    /// The settings for <paramref name="answerPath"/>, and every error in the config files that apply. With errors the
    /// settings are only good for finding the rubrics to check ids against (<see cref="CheckIds"/>), never for grading.
    /// </summary>
    public (GraderConfig Config, ImmutableArray<RubricError> Errors) Resolve(string answerPath)
    {
        ArgumentNullException.ThrowIfNull(answerPath);
        var chain = new List<(string Folder, string File, ConfigDto Dto)>();
        var errors = new List<RubricError>();
        var explicitFile = _policy.ExplicitFile is null ? null : Path.GetFullPath(_policy.ExplicitFile);
        if (explicitFile is not null)
        {
            var entry = Read(explicitFile);
            errors.AddRange(entry.Errors);
            if (entry.Dto is null)
            {
                return (GraderConfig.Default, [.. errors]);
            }

            _sources.TryAdd(explicitFile, new ConfigSource(explicitFile, entry.Sha256, "explicit", true, []));

            // Written for the repository, wherever it was saved (e.g. 'git show origin/main:.grader.yaml > /tmp/x'):
            // its paths and globs are read from the working directory.
            var cwd = Directory.GetCurrentDirectory();
            errors.AddRange(HiddenLosses.Check(entry.Dto, entry.Marks!, explicitFile));
            errors.AddRange(RubricFolders(explicitFile, entry, cwd));
            chain.Add((cwd, explicitFile, entry.Dto));
        }

        if (_policy.Discovery != DiscoveryMode.Off)
        {
            foreach (var file in FilesAbove(Path.GetDirectoryName(Path.GetFullPath(answerPath))))
            {
                if (!string.Equals(file, explicitFile, StringComparison.Ordinal))
                {
                    var (dto, fileErrors) = Discovered(file);
                    errors.AddRange(fileErrors);
                    if (dto is not null)
                    {
                        chain.Add((Path.GetDirectoryName(file)!, file, dto));
                    }
                }
            }
        }

        return (Fold(chain, Path.GetFullPath(answerPath)), [.. errors]);
    }

    // The config files in a folder and the folders above it, nearest first, up to the repository's root: looked for once
    // per folder in a run, as a file's text is read once (a batch's answers share their folders, and each looked again
    // with a dozen file-system calls that found nothing).
    private string[] FilesAbove(string? start) => start is null ? [] : _filesAbove.GetOrAdd(start, static start =>
    {
        var files = new List<string>();
        for (var folder = start; folder is not null; folder = Path.GetDirectoryName(folder))
        {
            var file = Path.Combine(folder, FileName);
            if (File.Exists(file))
            {
                files.Add(file);
            }

            if (Directory.Exists(Path.Combine(folder, ".git")) || File.Exists(Path.Combine(folder, ".git")))
            {
                break;
            }
        }

        return [.. files];
    });

    /// <summary>
    /// The ids the config files behind <paramref name="config"/> name that <paramref name="catalog"/> (the rubrics in
    /// force for them, their own included) does not know: problems in <c>problems:</c>, and keys of <c>rules:</c> that
    /// are neither a rule id nor a criterion id. Each is located at its node, with the closest known id when one is near.
    /// </summary>
    public ImmutableArray<RubricError> CheckIds(GraderConfig config, RubricCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(catalog);
        return [.. config.Files.SelectMany(file => _idChecks.GetOrAdd((file, catalog), key => UnknownIds(key.File, Read(key.File), key.Catalog)))];
    }

    private static ImmutableArray<RubricError> UnknownIds(string file, Entry entry, RubricCatalog catalog)
    {
        if (entry.Dto is not { } dto)
        {
            return [];
        }

        var errors = new List<RubricError>();
        var problems = catalog.Problems.Select(p => p.Id).ToList();
        for (var i = 0; i < (dto.Problems?.Count ?? 0); i++)
        {
            if (dto.Problems![i].Problem is { Length: > 0 } problem && !problems.Contains(problem, StringComparer.Ordinal))
            {
                var (line, column) = entry.Marks!.Value("problems", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "problem");
                var suggestion = errors.Count < MaxSuggestions ? Suggestion.DidYouMean(problem, problems) : ".";
                errors.Add(new RubricError(file, line, column, "config.problem-unknown",
                    $"problem '{problem}' is not a known problem id{suggestion} Known problems: {string.Join(", ", problems)}"));
            }
        }

        var criteria = catalog.Problems.Append(catalog.Base).SelectMany(r => r.Criteria).Select(c => c.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var id in (dto.Rules ?? []).Keys)
        {
            if (!DescriptorCatalog.Ids.Contains(id.ToUpperInvariant()) && !criteria.Contains(id))
            {
                var (line, column) = entry.Marks!.Key("rules", id);
                // Suggestions compare with every known id; a file of thousands of made-up keys gets them for the first few.
                var suggestion = errors.Count < MaxSuggestions ? Suggestion.DidYouMean(id, DescriptorCatalog.Ids.Concat(criteria)) : ".";
                errors.Add(new RubricError(file, line, column, "config.rule-unknown",
                    $"'{id}' is neither a rule id (MLSD0201) nor a criterion id of the rubrics in use{suggestion} See 'grader explain ID' and 'grader rubrics show PROBLEM'"));
            }
        }

        return [.. errors];
    }

    // The explicit file's 'rubrics:' entries: each must be a folder. Config files inside one are never read as rubrics
    // (see GraderConfig.IsConfigFile); a warning says so, since the folder may have been meant to hold only rubrics.
    private List<RubricError> RubricFolders(string file, Entry entry, string folder)
    {
        var errors = new List<RubricError>();
        var notices = new List<ConfigNotice>();
        for (var i = 0; i < (entry.Dto!.Rubrics?.Count ?? 0); i++)
        {
            var name = entry.Dto.Rubrics![i];
            if (string.IsNullOrWhiteSpace(name))
            {
                continue;
            }

            var path = Path.GetFullPath(Path.Combine(folder, name));
            var (line, column) = entry.Marks!.Value("rubrics", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (File.Exists(path))
            {
                errors.Add(new RubricError(file, line, column, "config.rubrics-not-folder",
                    $"'{name}' is {(string.Equals(path, file, StringComparison.Ordinal) ? "this config file" : "a file")}; 'rubrics' lists folders of rubric files (*.yaml), e.g. 'rubrics: [rubrics]'"));
            }
            else if (!Directory.Exists(path))
            {
                errors.Add(new RubricError(file, line, column, "config.rubrics-missing", $"rubric folder '{name}' does not exist"));
            }
            else
            {
                var configs = Directory.EnumerateFiles(path, "*.yaml")
                    .Where(f => Path.GetFileName(f) == FileName || string.Equals(Path.GetFullPath(f), file, StringComparison.Ordinal))
                    .Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
                if (configs.Count > 0)
                {
                    notices.Add(new ConfigNotice(file, line, column, "config.rubrics-config-skipped",
                        $"rubric folder '{name}' holds config files, which are not read as rubrics: {string.Join(", ", configs)}"));
                }
            }
        }

        Notice(file + "\0rubrics", notices);
        return errors;
    }

    // The part of a discovered file that may be used (null when the policy does not use it), and its errors.
    private (ConfigDto? Dto, ImmutableArray<RubricError> Errors) Discovered(string file)
    {
        var entry = Read(file);
        switch (_policy.Discovery)
        {
            case DiscoveryMode.Refuse:
                return (null, [new RubricError(file, 1, 1, "config.discovered-refused",
                    "a config file inside or above the graded folders is refused in CI mode with --strict-config; grade with --config FILE from the base branch")]);
            case DiscoveryMode.Ignore:
                _sources.TryAdd(file, new ConfigSource(file, entry.Sha256, "discovered", false, []));
                Notice(file, [new ConfigNotice(file, 1, 1, "config.discovered-ignored",
                    "ignored in CI mode: a config file inside or above the graded folders is not used; pass the trusted one with --config")]);
                return (null, []);
            default:
                if (entry.Safe is null)
                {
                    return (null, entry.Errors);
                }

                _sources.TryAdd(file, new ConfigSource(file, entry.Sha256, "discovered", true, [.. entry.IgnoredKeys]));
                Notice(file, entry.Notices);
                return (entry.Safe, [.. entry.Errors, .. HiddenLosses.Check(entry.Safe, entry.Marks!, file)]);
        }
    }

    private void Notice(string file, List<ConfigNotice> notices)
    {
        if (_noticed.TryAdd(file, 0))
        {
            notices.ForEach(_notices.Enqueue);
        }
    }

    private Entry Read(string file) => _byFile.GetOrAdd(file, f => new(() => Load(f))).Value;

    private Entry Load(string file)
    {
        var (bytes, readError) = ReadBounded(file);
        if (bytes is null)
        {
            return new Entry(null, null, null, [new RubricError(file, 1, 1, "config.unreadable", readError!)], "", [], []);
        }

        // The hash is of the bytes on disk, so 'sha256sum FILE' gives the same.
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var text = Encoding.UTF8.GetString(bytes.AsSpan(bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0));
        var (dto, error) = LocatedYaml.Read<ConfigDto>(file, text, "config");
        if (error is not null)
        {
            return new Entry(null, null, null, [error], sha, [], []);
        }

        dto ??= new ConfigDto();
        var marks = ConfigMarks.Of(text);
        var errors = _validator.Value.Validate(dto).Errors
            .Select(failure =>
            {
                var (line, column) = failure.CustomState is ConfigNode node ? node.In(marks) : ((int)Math.Max(1, dto.Start.Line), (int)Math.Max(1, dto.Start.Column));
                return new RubricError(file, line, column, failure.ErrorCode, failure.ErrorMessage);
            })
            .OrderBy(e => e.Line).ThenBy(e => e.Column)
            .ToImmutableArray();
        var (safe, notices, keys) = TrustedKeys.Strip(dto, file, marks, _policy.GateOnCommandLine);
        return new Entry(dto, safe, marks, errors, sha, notices, keys);
    }

    // A submitter can commit a symlink to /dev/zero or a FIFO as .grader.yaml: read at most MaxBytes, within ReadTimeout.
    private static (byte[]? Bytes, string? Error) ReadBounded(string file)
    {
        try
        {
            var info = new FileInfo(file);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is not { Exists: true })
            {
                return (null, "is a broken symbolic link");
            }

            if (info.Length > MaxBytes)
            {
                return (null, $"is larger than {MaxBytes / 1024} KB");
            }

            var read = Task.Factory.StartNew(() =>
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.None);
                var buffer = new byte[MaxBytes + 1];
                var total = 0;
                for (int n; total < buffer.Length && (n = stream.Read(buffer, total, buffer.Length - total)) > 0;)
                {
                    total += n;
                }

                return buffer[..total];
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            if (!((IAsyncResult)read).AsyncWaitHandle.WaitOne(ReadTimeout))
            {
                return (null, $"could not be read within {ReadTimeout.TotalSeconds:0} s (a pipe or device rather than a file?)");
            }

            var bytes = read.GetAwaiter().GetResult();
            return bytes.Length > MaxBytes ? (null, $"is larger than {MaxBytes / 1024} KB") : (bytes, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, ex is UnauthorizedAccessException ? "permission denied" : ex is FileNotFoundException or DirectoryNotFoundException ? "file not found" : "cannot be read (input/output error)");
        }
    }

    // chain[0] is the explicit file or the nearest discovered one.
    private GraderConfig Fold(List<(string Folder, string File, ConfigDto Dto)> chain, string answer)
    {
        var rules = ImmutableSortedDictionary.CreateBuilder<string, Severity?>(StringComparer.OrdinalIgnoreCase);
        var criteriaOff = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        var categories = ImmutableSortedDictionary.CreateBuilder<string, Severity?>(StringComparer.OrdinalIgnoreCase);
        double? failUnder = null;
        bool? restore = null;
        string? problem = null;
        LlmConfig? llm = null;
        var rubrics = new List<string>();
        foreach (var (folder, file, dto) in chain)
        {
            foreach (var (id, severity) in dto.Rules ?? [])
            {
                // Off, a criterion is treated as met (its points given back); an analyzer rule only stops being shown.
                if (rules.TryAdd(id, ParseSeverity(severity)) && severity == "none" && !DescriptorCatalog.Ids.Contains(id.ToUpperInvariant()))
                {
                    criteriaOff[id] = file;
                }
            }

            foreach (var (category, severity) in dto.Categories ?? [])
            {
                categories.TryAdd(category, ParseSeverity(severity));
            }

            // Any file may raise the bar; none may lower one set farther up.
            failUnder = dto.FailUnder is { } f && (failUnder is null || f > failUnder) ? f : failUnder;
            restore ??= dto.SuppressionsRestorePoints;
            rubrics.AddRange((dto.Rubrics ?? []).Select(r => Path.GetFullPath(Path.Combine(folder, r))));
            problem ??= (dto.Problems ?? []).FirstOrDefault(p => Matches(folder, p.Files!, answer))?.Problem;
            if (llm is null && dto.Llm is { } l)
            {
                llm = new LlmConfig(l.Enabled ?? false, l.Provider, l.Endpoint, l.Model, l.TimeoutSeconds);
            }
        }

        return new GraderConfig(rules.ToImmutable(), categories.ToImmutable(), problem, failUnder, [.. rubrics.Distinct(StringComparer.Ordinal)],
            _policy.RestorePointsAllowed && (restore ?? false), [.. chain.Select(c => c.File)], llm,
            _policy.InlineSuppressions)
        {
            CriteriaOff = criteriaOff.ToImmutable(),
        };
    }

    private static bool Matches(string folder, string glob, string answer)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(glob);
        return matcher.Match(folder, Path.GetRelativePath(folder, answer)).HasMatches;
    }

    private static Severity? ParseSeverity(string severity) => severity switch
    {
        "error" => Severity.Error,
        "warning" => Severity.Warning,
        "info" => Severity.Info,
        _ => null,
    };
}
