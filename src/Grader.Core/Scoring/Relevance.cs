using System.Collections.Immutable;
using System.Globalization;
using Grader.Core.Detection;
using Grader.Core.Diagnostics;
using Grader.Core.Rubrics;

namespace Grader.Core.Scoring;

/// <summary>
/// Scales a score card by how far the answer addresses the problem graded. A design with no ML in it, or an answer
/// to a different problem, keeps only a share of its points; the loss is reported (MLSD0005, MLSD0004) like any other,
/// among the findings returned with the scaled card.
/// </summary>
public static class Relevance
{
    /// <summary>Share of its points a design without ML keeps: generic structure and numbers are not an ML answer.</summary>
    public const double NotMlFactor = 0.4;

    /// <summary>The least an off-topic answer keeps.</summary>
    public const double MinFactor = 0.25;

    /// <summary>Detection must be at least this sure before a mismatch is reported.</summary>
    public const double WarnConfidence = 0.5;

    /// <summary>... and this sure before it costs points: a thin answer has too little vocabulary to judge its topic.</summary>
    public const double PenaltyConfidence = 0.55;

    /// <summary>At this confidence or above, an answer to another problem keeps only <see cref="MinFactor"/>.</summary>
    public const double FullPenaltyConfidence = 0.7;

    /// <summary>
    /// Coherence at or below this keeps nothing of the concept-driven score, at or above <see cref="CoherentAt"/> all of it.
    /// Written answers measure 0.30-0.80; jargon strung into sentences at random, about 0.15-0.22.
    /// </summary>
    public const double IncoherentAt = 0.2;

    public const double CoherentAt = 0.3;

    /// <summary>Share of sentences naming ideas of three or more steps at once before incoherence is judged at all.</summary>
    public const double MinScatteredShare = 0.3;

    public static Scored Apply(ScoreCard card, DetectionResult detection, string gradedProblem, Rubric rubric)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(detection);
        ArgumentNullException.ThrowIfNull(rubric);
        var findings = ImmutableArray.CreateBuilder<Diagnostic>();
        var factor = 1.0;
        if (!detection.IsMlDesign)
        {
            factor = NotMlFactor;
            findings.Add(Loss(EngineDescriptors.NotAnMlDesign, card, factor, detection.MlSignals, ProblemDetector.MinMlSignals));
        }
        else if (detection.Problem is { } detected && detected != gradedProblem && gradedProblem != RubricCatalog.BaseId
            && detection.Confidence >= WarnConfidence)
        {
            // Related problems share vocabulary, so the graded rubric may still be half met; what decides is how
            // surely the answer is about something else. Full points at 0.55 confidence, MinFactor from 0.75.
            var t = Math.Clamp((detection.Confidence - PenaltyConfidence) / (FullPenaltyConfidence - PenaltyConfidence), 0, 1);
            factor = 1 - (t * (1 - MinFactor));
            findings.Add(Loss(EngineDescriptors.ProblemMismatch, card, factor, detected,
                detection.Confidence.ToString("0.00", CultureInfo.InvariantCulture), gradedProblem));
        }

        // Sentences whose terms belong to other steps than the one they stand in are jargon, not design.
        // Plain prose can stand far from the steps' vocabulary; only sentences that string together ideas of three or
        // more steps at once, throughout the answer, read as generated jargon.
        if (card.Coherence is { } coherence && coherence < CoherentAt && card.ScatteredShare >= MinScatteredShare)
        {
            // Convex: a little scatter costs little, scatter throughout costs nearly everything.
            var scatter = Math.Pow(Math.Clamp((coherence - IncoherentAt) / (CoherentAt - IncoherentAt), 0, 1), 2);
            var before = card.Total * factor;
            factor *= scatter;
            var lost = Scorer.Round(before * (1 - scatter)).ToString("0.0", CultureInfo.InvariantCulture);
            var d = EngineDescriptors.ScatteredJargon;
            findings.Add(new Diagnostic(d, d.DefaultSeverity, Parsing.SourceSpan.None,
                d.Format((coherence * 100).ToString("0", CultureInfo.InvariantCulture), lost)));
        }

        if (factor >= 1)
        {
            return new Scored(card, findings.ToImmutable());
        }

        var steps = card.Steps.Select(s => s with { Score = Scorer.Round(s.Score * factor) }).ToList();
        var total = Scorer.Round(card.Total * factor);
        return new Scored(card with { Total = total, Band = rubric.BandFor(total), Steps = [.. steps], Relevance = factor, RawTotal = card.Total }, findings.ToImmutable());
    }

    private static Diagnostic Loss(DiagnosticDescriptor descriptor, ScoreCard card, double factor, params object?[] args)
    {
        var lost = Scorer.Round(card.Total * (1 - factor)).ToString("0.0", CultureInfo.InvariantCulture);
        return new Diagnostic(descriptor, descriptor.DefaultSeverity, Parsing.SourceSpan.None, descriptor.Format([.. args, lost]));
    }
}
