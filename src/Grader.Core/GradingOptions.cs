namespace Grader.Core;

/// <summary>Settings an engine grades with, fixed for its life: what a host or a test may change without touching rubrics.</summary>
public sealed record GradingOptions
{
    public static GradingOptions Default { get; } = new();

    /// <summary>How long one rubric pattern may run on one unit of text before its criterion gives up (MLSD0010).</summary>
    public TimeSpan PatternTimeout { get; init; } = TimeSpan.FromSeconds(2);
}
