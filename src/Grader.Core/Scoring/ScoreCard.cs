using System.Collections.Immutable;
using Grader.Core.Mapping;
using Grader.Core.Parsing;
using Grader.Core.Rubrics;

namespace Grader.Core.Scoring;

/// <summary>
/// How one criterion fared. <see cref="Fraction"/> is the share earned (0..1); <see cref="Points"/> and
/// <see cref="Score"/> are scaled to the step's weight. A loss is explained by the diagnostic <see cref="ExplainedBy"/>.
/// A criterion a config turned off (<see cref="TurnedOffBy"/>, that file) counts as met; <see cref="PointsGivenBack"/>
/// is what that added to its step, before any relevance scaling.
/// </summary>
public sealed record CriterionResult(
    Criterion Criterion,
    double Fraction,
    double Points,
    double Score,
    ImmutableArray<SourceSpan> Evidence,
    string? Missing,
    string? ExplainedBy,
    string? TurnedOffBy = null)
{
    public double PointsGivenBack { get; init; }
}

public sealed record StepScore(
    FrameworkStep Step, string? Heading, int? Line, double Score, double Max, ImmutableArray<CriterionResult> Criteria, StepMapping? Mapping = null);

/// <summary>
/// Where a step was found and how surely: from a heading naming it, from content, or both ("mixed"), with the
/// word-weighted mean confidence of its segments. Kept on the score so reports have it after the map is dropped.
/// </summary>
public sealed record StepMapping(string Source, double Confidence, ImmutableArray<MappedSegment> Segments)
{
    public static StepMapping? Of(StepMap map, FrameworkStep step)
    {
        ArgumentNullException.ThrowIfNull(map);
        var indexes = map[step].Segments;
        if (indexes.IsEmpty)
        {
            return null;
        }

        // One pass, summed in segment order as LINQ's Sum did: run for every step of every answer.
        var segments = ImmutableArray.CreateBuilder<MappedSegment>(indexes.Length);
        bool fromHeading = false, fromContent = false;
        var words = 0;
        var weighted = 0.0;
        foreach (var i in indexes)
        {
            var segment = map.Segments[i];
            segments.Add(segment);
            fromHeading |= segment.Source == MappingSource.Heading;
            fromContent |= segment.Source == MappingSource.Content;
            words += Math.Max(1, segment.Words);
            weighted += segment.Confidence * Math.Max(1, segment.Words);
        }

        var source = fromHeading && fromContent ? "mixed" : fromHeading ? "heading" : "content";
        return new StepMapping(source, Math.Round(weighted / words, 2), segments.MoveToImmutable());
    }

    /// <summary>"from content, lines 5-9 (0.62)": how the console and HTML say it.</summary>
    public string Describe()
    {
        // Sentences of one long line may alternate between steps: each line range is named once.
        var all = Segments.Select(s => s.Line == s.EndLine ? $"{s.Line}" : $"{s.Line}-{s.EndLine}").Distinct().ToList();
        var ranges = string.Join(", ", all.Take(4));
        var more = all.Count > 4 ? ", ..." : "";
        var lines = all.Count == 1 && !all[0].Contains('-', StringComparison.Ordinal) ? "line" : "lines";
        var from = Source switch { "heading" => "from heading", "content" => "from content", _ => "from heading and content" };
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{from}, {lines} {ranges}{more} ({Confidence:0.00})");
    }
}

/// <summary>
/// The grade. <see cref="Relevance"/> is 1 unless the answer is off-topic or not an ML design, in which case
/// <see cref="RawTotal"/> is what the rubric alone gave. <see cref="Coherence"/> is the share of concept mentions
/// standing under a step they belong to (null when there is too little to judge). <see cref="Withheld"/> marks an
/// answer the rubrics could not read: nothing was graded (see <see cref="WithheldScore"/>).
/// </summary>
public sealed record ScoreCard(
    double Total, double Max, string Band, ImmutableArray<StepScore> Steps, double Relevance = 1, double? RawTotal = null, double? Coherence = null, double ScatteredShare = 0,
    bool Withheld = false);

/// <summary>What a criterion evaluator found: the share earned, where, and what was missing.</summary>
public readonly record struct Evaluation(double Fraction, ImmutableArray<SourceSpan> Evidence, string? Missing)
{
    public static Evaluation Nothing(string missing) => new(0, [], missing);
}
