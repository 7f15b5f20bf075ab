using System.CommandLine;
using Grader.Core.Configuration;

namespace Grader.Cli;

/// <summary>What a run trusts: CI mode, whether and how .grader.yaml files are found, and inline suppressions.</summary>
internal sealed record TrustSettings(bool CiMode, ConfigPolicy Policy);

/// <summary>
/// The options of <c>grader check</c> that decide where configuration may come from. In CI mode (<c>--ci</c>, or
/// <c>CI</c> set to anything but "", "false" or "0") the files among the answers belong to whoever submitted them:
/// discovered configs are ignored with a notice (refused with --strict-config) and suppressions never restore points.
/// </summary>
internal sealed class TrustOptions
{
    private readonly Option<string?> _config = new("--config") { Description = "Use only this config file (trusted: every key allowed; paths in it are relative to the working directory); no .grader.yaml is looked for, except to be named as ignored in CI mode" };
    private readonly Option<bool> _noLookup = new("--no-config-lookup") { Description = "Do not look for .grader.yaml files at all" };
    private readonly Option<bool> _ci = new("--ci") { Description = "CI mode (also when the CI environment variable is set): .grader.yaml files among the answers are ignored and suppressions never restore points" };
    private readonly Option<bool> _strict = new("--strict-config") { Description = "In CI mode, refuse (exit 2) instead of ignoring a .grader.yaml found among the answers" };
    private readonly Option<bool> _noInline = new("--no-inline-suppressions") { Description = "Ignore grader-disable comments in answers" };

    public static TrustOptions Create() => new();

    public static bool IsCi(string? value) =>
        !string.IsNullOrEmpty(value) && !string.Equals(value, "false", StringComparison.OrdinalIgnoreCase) && value != "0";

    /// <summary>A path as reports show it: relative to the working directory when inside it, with '/' separators.</summary>
    public static string Shown(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!Path.IsPathRooted(path))
        {
            return path.Replace('\\', '/');
        }

        var relative = Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
        return (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative).Replace('\\', '/');
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _config, _noLookup, _ci, _strict, _noInline })
        {
            command.Add(option);
        }
    }

    /// <summary>Only the options that decide which configs are read, for commands that read rubrics and grade nothing.</summary>
    public void AddConfigOptionsTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { _config, _noLookup, _ci, _strict })
        {
            command.Add(option);
        }
    }

    public TrustSettings Read(ParseResult parse, Func<string, string?> environment, bool gateOnCommandLine)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(environment);
        var ci = parse.GetValue(_ci) || IsCi(environment("CI"));
        var explicitFile = parse.GetValue(_config);
        var discovery = parse.GetValue(_noLookup) ? DiscoveryMode.Off
            : ci ? (parse.GetValue(_strict) ? DiscoveryMode.Refuse : DiscoveryMode.Ignore)
            : explicitFile is null ? DiscoveryMode.Apply : DiscoveryMode.Off;
        return new TrustSettings(ci, new ConfigPolicy(explicitFile, discovery, gateOnCommandLine, RestorePointsAllowed: !ci, InlineSuppressions: !parse.GetValue(_noInline)));
    }
}
