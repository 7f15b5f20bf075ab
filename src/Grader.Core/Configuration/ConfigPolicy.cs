namespace Grader.Core.Configuration;

/// <summary>What happens to a <c>.grader.yaml</c> found upward from an answer.</summary>
public enum DiscoveryMode
{
    /// <summary>Used, without its trusted-only keys (outside CI mode, no <c>--config</c>).</summary>
    Apply,

    /// <summary>Found and named in a notice, never used (CI mode).</summary>
    Ignore,

    /// <summary>Found and refused: the run stops with exit 2 (CI mode with <c>--strict-config</c>).</summary>
    Refuse,

    /// <summary>Not looked for (<c>--no-config-lookup</c>, or <c>--config</c> outside CI mode).</summary>
    Off,
}

/// <summary>
/// Where settings may come from. <paramref name="ExplicitFile"/> is trusted whole; discovered files are not
/// (see <see cref="TrustedKeys"/>). <paramref name="GateOnCommandLine"/>: --fail-on or --fail-under was given, so a
/// discovered file may not lower a severity either. <paramref name="RestorePointsAllowed"/> is false in CI mode.
/// </summary>
public sealed record ConfigPolicy(
    string? ExplicitFile,
    DiscoveryMode Discovery,
    bool GateOnCommandLine = false,
    bool RestorePointsAllowed = true,
    bool InlineSuppressions = true)
{
    /// <summary>Discovery as a person running Grader on their own files expects it.</summary>
    public static ConfigPolicy Local { get; } = new(null, DiscoveryMode.Apply);
}
