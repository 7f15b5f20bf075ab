using System.Collections.Immutable;

namespace Grader.Core.Mapping;

/// <summary>The seven steps of the ML system design framework, in framework order.</summary>
public enum FrameworkStep
{
    Requirements,
    Framing,
    Data,
    Model,
    Evaluation,
    Serving,
    Monitoring,
}

/// <summary>A set of steps: one heading may cover two ("Model development and offline evaluation").</summary>
[Flags]
public enum StepSet
{
    None = 0,
    Requirements = 1 << FrameworkStep.Requirements,
    Framing = 1 << FrameworkStep.Framing,
    Data = 1 << FrameworkStep.Data,
    Model = 1 << FrameworkStep.Model,
    Evaluation = 1 << FrameworkStep.Evaluation,
    Serving = 1 << FrameworkStep.Serving,
    Monitoring = 1 << FrameworkStep.Monitoring,
}

public static class FrameworkSteps
{
    public static ImmutableArray<FrameworkStep> All { get; } = [.. Enum.GetValues<FrameworkStep>()];

    public static string ToId(this FrameworkStep step) => step switch
    {
        FrameworkStep.Requirements => "requirements",
        FrameworkStep.Framing => "framing",
        FrameworkStep.Data => "data",
        FrameworkStep.Model => "model",
        FrameworkStep.Evaluation => "evaluation",
        FrameworkStep.Serving => "serving",
        FrameworkStep.Monitoring => "monitoring",
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };

    public static bool TryParse(string? id, out FrameworkStep step)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToId(), id, StringComparison.OrdinalIgnoreCase))
            {
                step = candidate;
                return true;
            }
        }

        step = default;
        return false;
    }

    /// <summary>For ids already validated; throws on anything else.</summary>
    public static FrameworkStep Parse(string? id) =>
        TryParse(id, out var step) ? step : throw new ArgumentException($"Unknown framework step '{id}'", nameof(id));

    public static StepSet ToSet(this FrameworkStep step) => (StepSet)(1 << (int)step);

    public static bool Has(this StepSet set, FrameworkStep step) => (set & step.ToSet()) != 0;

    /// <summary>The steps of a set, in framework order (bits beyond the seven steps are ignored).</summary>
    /// <remarks>An immutable array, so a loop over it allocates no enumerator: asked for in mapping's and scoring's inner loops.</remarks>
    public static ImmutableArray<FrameworkStep> Steps(this StepSet set) => StepsOf[(int)set & AllBits];

    private const int AllBits = (1 << 7) - 1;

    // Every set's steps, made once: asked for in the inner loops of mapping and scoring.
    private static readonly ImmutableArray<FrameworkStep>[] StepsOf = [.. Enumerable.Range(0, AllBits + 1)
        .Select(bits => All.Where(step => ((StepSet)bits).Has(step)).ToImmutableArray())];
}
