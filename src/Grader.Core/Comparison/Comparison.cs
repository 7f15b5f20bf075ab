using System.Collections.Immutable;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;
using Grader.Core.Scoring;

namespace Grader.Core.Comparison;

/// <summary>One side of a comparison: a graded answer and where it came from (a file, or REV:PATH).</summary>
public sealed record Revision(string Label, GradeResult Result);

public sealed record StepDelta(FrameworkStep Step, double Before, double After, double Max)
{
    public double Delta => Scorer.Round(After - Before);
}

/// <summary>A finding and its fingerprint, the key it is matched by across revisions.</summary>
public sealed record TrackedFinding(Diagnostic Diagnostic, string Fingerprint);

/// <summary>What a revision gained or lost: scores, per-step deltas, and findings fixed, new or unchanged.</summary>
public sealed record Comparison(
    Revision Old,
    Revision New,
    ImmutableArray<StepDelta> Steps,
    ImmutableArray<TrackedFinding> Fixed,
    ImmutableArray<TrackedFinding> Added,
    ImmutableArray<TrackedFinding> Unchanged)
{
    public double Delta => Scorer.Round(New.Result.Score.Total - Old.Result.Score.Total);
}
