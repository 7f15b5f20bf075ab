using System.Collections.Concurrent;
using System.Collections.Immutable;
using Grader.Core.Analysis;
using Grader.Core.Diagnostics;
using Grader.Core.Rubrics;
using Microsoft.Extensions.FileSystemGlobbing;

namespace Grader.Core.Configuration;

/// <summary>
/// Finds the <c>.grader.yaml</c> files that apply to an answer, like <c>.editorconfig</c>: every one from the
/// answer's folder upward until one says <c>root: true</c>; the nearest wins key by key. Thread-safe; each
/// folder is read once.
/// </summary>
public sealed class ConfigResolver
{
    public const string FileName = ".grader.yaml";

    private readonly ConcurrentDictionary<string, Lazy<(ConfigDto? Dto, RubricError? Error)>> _byFolder = new(StringComparer.Ordinal);
    private readonly ConfigValidator _validator = new(
        AnalyzerRegistry.Ids,
        AnalyzerRegistry.AllDescriptors.Select(d => d.Category).ToHashSet(StringComparer.Ordinal));

    /// <summary>The settings for <paramref name="answerPath"/>, or the first error in a config file that applies.</summary>
    public (GraderConfig Config, RubricError? Error) Resolve(string answerPath)
    {
        ArgumentNullException.ThrowIfNull(answerPath);
        var chain = new List<(string Folder, ConfigDto Dto)>();
        for (var folder = Path.GetDirectoryName(Path.GetFullPath(answerPath)); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            var (dto, error) = _byFolder.GetOrAdd(folder, f => new(() => Read(f))).Value;
            if (error is not null)
            {
                return (GraderConfig.Default, error);
            }

            if (dto is not null)
            {
                chain.Add((folder, dto));
                if (dto.Root == true)
                {
                    break;
                }
            }
        }

        return (Fold(chain, Path.GetFullPath(answerPath)), null);
    }

    private (ConfigDto?, RubricError?) Read(string folder)
    {
        var file = Path.Combine(folder, FileName);
        if (!File.Exists(file))
        {
            return (null, null);
        }

        var (dto, error) = LocatedYaml.Read<ConfigDto>(file, File.ReadAllText(file), "config");
        if (error is not null)
        {
            return (null, error);
        }

        dto ??= new ConfigDto();
        var result = _validator.Validate(dto);
        if (!result.IsValid)
        {
            var failure = result.Errors[0];
            var located = failure.PropertyName.StartsWith("Problems[", StringComparison.Ordinal) && dto.Problems is not null
                ? (ILocated)dto.Problems[int.Parse(failure.PropertyName.AsSpan(9, failure.PropertyName.IndexOf(']', StringComparison.Ordinal) - 9), System.Globalization.CultureInfo.InvariantCulture)]
                : dto;
            return (null, new RubricError(file, (int)Math.Max(1, located.Start.Line), (int)Math.Max(1, located.Start.Column), failure.ErrorCode, failure.ErrorMessage));
        }

        return (dto, null);
    }

    // chain[0] is the nearest file.
    private static GraderConfig Fold(List<(string Folder, ConfigDto Dto)> chain, string answer)
    {
        var rules = ImmutableSortedDictionary.CreateBuilder<string, Severity?>(StringComparer.OrdinalIgnoreCase);
        var categories = ImmutableSortedDictionary.CreateBuilder<string, Severity?>(StringComparer.OrdinalIgnoreCase);
        double? failUnder = null;
        bool? restore = null;
        string? problem = null;
        LlmConfig? llm = null;
        var rubrics = new List<string>();
        foreach (var (folder, dto) in chain)
        {
            foreach (var (id, severity) in dto.Rules ?? [])
            {
                rules.TryAdd(id, ParseSeverity(severity));
            }

            foreach (var (category, severity) in dto.Categories ?? [])
            {
                categories.TryAdd(category, ParseSeverity(severity));
            }

            failUnder ??= dto.FailUnder;
            restore ??= dto.SuppressionsRestorePoints;
            rubrics.AddRange((dto.Rubrics ?? []).Select(r => Path.GetFullPath(Path.Combine(folder, r))));
            problem ??= (dto.Problems ?? []).FirstOrDefault(p => Matches(folder, p.Files!, answer))?.Problem;
            if (llm is null && dto.Llm is { } l)
            {
                llm = new LlmConfig(l.Enabled ?? false, l.Provider, l.Endpoint, l.Model, l.TimeoutSeconds);
            }
        }

        return new GraderConfig(rules.ToImmutable(), categories.ToImmutable(), problem, failUnder, [.. rubrics.Distinct(StringComparer.Ordinal)],
            restore ?? false, [.. chain.Select(c => Path.Combine(c.Folder, FileName))], llm);
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
