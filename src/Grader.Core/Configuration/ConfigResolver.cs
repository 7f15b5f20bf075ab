using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Grader.Core.Analysis;
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

    private readonly ConfigPolicy _policy;
    private readonly ConcurrentDictionary<string, Lazy<Entry>> _byFile = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConfigSource> _sources = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<ConfigNotice> _notices = new();
    private readonly ConcurrentDictionary<string, byte> _noticed = new(StringComparer.Ordinal);
    // Built on the first config file met: a run without one never pays for FluentValidation's rule set.
    private readonly Lazy<ConfigValidator> _validator = new(() => new(
        AnalyzerRegistry.Ids,
        AnalyzerRegistry.AllDescriptors.Select(d => d.Category).ToHashSet(StringComparer.Ordinal)));

    public ConfigResolver()
        : this(ConfigPolicy.Local)
    {
    }

    public ConfigResolver(ConfigPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policy = policy;
    }

    private sealed record Entry(ConfigDto? Dto, ConfigDto? Safe, RubricError? Error, string Sha256, List<ConfigNotice> Notices, List<string> IgnoredKeys);

    /// <summary>Warnings about config files so far, each once, in the order met: print them before grading.</summary>
    public ImmutableArray<ConfigNotice> Notices => [.. _notices];

    /// <summary>Every config file looked at so far, ordered by path: what the provenance record lists.</summary>
    public ImmutableArray<ConfigSource> Sources => [.. _sources.Values.OrderBy(s => s.Role == "explicit" ? 0 : 1).ThenBy(s => s.Path, StringComparer.Ordinal)];

    /// <summary>The settings for <paramref name="answerPath"/>, or the first error in a config file that applies.</summary>
    public (GraderConfig Config, RubricError? Error) Resolve(string answerPath)
    {
        ArgumentNullException.ThrowIfNull(answerPath);
        var chain = new List<(string Folder, string File, ConfigDto Dto)>();
        if (_policy.ExplicitFile is { } explicitFile)
        {
            var file = Path.GetFullPath(explicitFile);
            var entry = Read(file);
            if (entry.Error is not null)
            {
                return (GraderConfig.Default, entry.Error);
            }

            _sources.TryAdd(file, new ConfigSource(file, entry.Sha256, "explicit", true, []));

            // Written for the repository, wherever it was saved (e.g. 'git show origin/main:.grader.yaml > /tmp/x'):
            // its paths and globs are read from the working directory.
            chain.Add((Directory.GetCurrentDirectory(), file, entry.Dto!));
        }

        if (_policy.Discovery != DiscoveryMode.Off)
        {
            for (var folder = Path.GetDirectoryName(Path.GetFullPath(answerPath)); folder is not null; folder = Path.GetDirectoryName(folder))
            {
                var file = Path.Combine(folder, FileName);
                if (File.Exists(file) && !string.Equals(file, _policy.ExplicitFile is null ? null : Path.GetFullPath(_policy.ExplicitFile), StringComparison.Ordinal))
                {
                    var (dto, error) = Discovered(file);
                    if (error is not null)
                    {
                        return (GraderConfig.Default, error);
                    }

                    if (dto is not null)
                    {
                        chain.Add((folder, file, dto));
                    }
                }

                if (Directory.Exists(Path.Combine(folder, ".git")) || File.Exists(Path.Combine(folder, ".git")))
                {
                    break;
                }
            }
        }

        return (Fold(chain, Path.GetFullPath(answerPath)), null);
    }

    // The part of a discovered file that may be used, or null when the policy does not use it.
    private (ConfigDto? Dto, RubricError? Error) Discovered(string file)
    {
        var entry = Read(file);
        switch (_policy.Discovery)
        {
            case DiscoveryMode.Refuse:
                return (null, new RubricError(file, 1, 1, "config.discovered-refused",
                    "a config file inside or above the graded folders is refused in CI mode with --strict-config; grade with --config FILE from the base branch"));
            case DiscoveryMode.Ignore:
                _sources.TryAdd(file, new ConfigSource(file, entry.Sha256, "discovered", false, []));
                Notice(file, [new ConfigNotice(file, 1, 1, "config.discovered-ignored",
                    "ignored in CI mode: a config file inside or above the graded folders is not used; pass the trusted one with --config")]);
                return (null, null);
            default:
                if (entry.Error is not null)
                {
                    return (null, entry.Error);
                }

                _sources.TryAdd(file, new ConfigSource(file, entry.Sha256, "discovered", true, [.. entry.IgnoredKeys]));
                Notice(file, entry.Notices);
                return (entry.Safe, null);
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
            return new Entry(null, null, new RubricError(file, 1, 1, "config.unreadable", readError!), "", [], []);
        }

        // The hash is of the bytes on disk, so 'sha256sum FILE' gives the same.
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var text = Encoding.UTF8.GetString(bytes.AsSpan(bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0));
        var (dto, error) = LocatedYaml.Read<ConfigDto>(file, text, "config");
        if (error is not null)
        {
            return new Entry(null, null, error, sha, [], []);
        }

        dto ??= new ConfigDto();
        var result = _validator.Value.Validate(dto);
        if (!result.IsValid)
        {
            var failure = result.Errors[0];
            var located = failure.PropertyName.StartsWith("Problems[", StringComparison.Ordinal) && dto.Problems is not null
                ? (ILocated)dto.Problems[int.Parse(failure.PropertyName.AsSpan(9, failure.PropertyName.IndexOf(']', StringComparison.Ordinal) - 9), System.Globalization.CultureInfo.InvariantCulture)]
                : dto;
            return new Entry(null, null, new RubricError(file, (int)Math.Max(1, located.Start.Line), (int)Math.Max(1, located.Start.Column), failure.ErrorCode, failure.ErrorMessage), sha, [], []);
        }

        var (safe, notices, keys) = TrustedKeys.Strip(dto, file, text, _policy.GateOnCommandLine);
        return new Entry(dto, safe, null, sha, notices, keys);
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
        var categories = ImmutableSortedDictionary.CreateBuilder<string, Severity?>(StringComparer.OrdinalIgnoreCase);
        double? failUnder = null;
        bool? restore = null;
        string? problem = null;
        LlmConfig? llm = null;
        var rubrics = new List<string>();
        foreach (var (folder, _, dto) in chain)
        {
            foreach (var (id, severity) in dto.Rules ?? [])
            {
                rules.TryAdd(id, ParseSeverity(severity));
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
            _policy.InlineSuppressions);
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
