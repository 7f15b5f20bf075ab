using System.Collections.Immutable;
using Grader.Core.Mapping;
using Grader.Core.Parsing;
using Grader.Core.Rubrics;

namespace Grader.Core.Scoring;

/// <summary>
/// How one criterion fared. <see cref="Fraction"/> is the share earned (0..1); <see cref="Points"/> and
/// <see cref="Score"/> are scaled to the step's weight. A loss is explained by the diagnostic <see cref="ExplainedBy"/>.
/// </summary>
public sealed record CriterionResult(
    Criterion Criterion,
    double Fraction,
    double Points,
    double Score,
    ImmutableArray<SourceSpan> Evidence,
    string? Missing,
    string? ExplainedBy);

public sealed record StepScore(FrameworkStep Step, string? Heading, int? Line, double Score, double Max, ImmutableArray<CriterionResult> Criteria);

/// <summary>
/// The grade. <see cref="Relevance"/> is 1 unless the answer is off-topic or not an ML design, in which case
/// <see cref="RawTotal"/> is what the rubric alone gave. <see cref="Coherence"/> is the share of concept mentions
/// standing under a step they belong to (null when there is too little to judge).
/// </summary>
public sealed record ScoreCard(
    double Total, double Max, string Band, ImmutableArray<StepScore> Steps, double Relevance = 1, double? RawTotal = null, double? Coherence = null);

/// <summary>What a criterion evaluator found: the share earned, where, and what was missing.</summary>
public readonly record struct Evaluation(double Fraction, ImmutableArray<SourceSpan> Evidence, string? Missing)
{
    public static Evaluation Nothing(string missing) => new(0, [], missing);
}
