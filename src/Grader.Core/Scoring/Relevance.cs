using System.Globalization;
using Grader.Core.Analysis;
using Grader.Core.Detection;
using Grader.Core.Diagnostics;
using Grader.Core.Rubrics;

namespace Grader.Core.Scoring;

/// <summary>
/// Scales a score card by how far the answer addresses the problem graded. A design with no ML in it, or an answer
/// to a different problem, keeps only a share of its points; the loss is reported (MLSD0005, MLSD0004) like any other.
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
    public const double PenaltyConfidence = 0.6;

    /// <summary>At this confidence or above, an answer to another problem keeps only <see cref="MinFactor"/>.</summary>
    public const double FullPenaltyConfidence = 0.8;

    public static ScoreCard Apply(ScoreCard card, DetectionResult detection, string gradedProblem, AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(detection);
        ArgumentNullException.ThrowIfNull(context);
        var factor = 1.0;
        if (!detection.IsMlDesign)
        {
            factor = NotMlFactor;
            Report(context, AnalyzerRegistry.NotAnMlDesign, card, factor, detection.MlSignals, ProblemDetector.MinMlSignals);
        }
        else if (detection.Problem is { } detected && detected != gradedProblem && gradedProblem != RubricCatalog.BaseId
            && detection.Confidence >= WarnConfidence)
        {
            // Related problems share vocabulary, so the graded rubric may still be half met; what decides is how
            // surely the answer is about something else. Full points at 0.6 confidence, MinFactor from 0.8.
            var t = Math.Clamp((detection.Confidence - PenaltyConfidence) / (FullPenaltyConfidence - PenaltyConfidence), 0, 1);
            factor = 1 - (t * (1 - MinFactor));
            Report(context, AnalyzerRegistry.ProblemMismatch, card, factor, detected,
                detection.Confidence.ToString("0.00", CultureInfo.InvariantCulture), gradedProblem);
        }

        if (factor >= 1)
        {
            return card;
        }

        var steps = card.Steps.Select(s => s with { Score = Scorer.Round(s.Score * factor) }).ToList();
        var total = Scorer.Round(card.Total * factor);
        return card with { Total = total, Band = context.Rubric.BandFor(total), Steps = [.. steps], Relevance = factor, RawTotal = card.Total };
    }

    private static void Report(AnalysisContext context, DiagnosticDescriptor descriptor, ScoreCard card, double factor, params object?[] args)
    {
        var lost = Scorer.Round(card.Total * (1 - factor)).ToString("0.0", CultureInfo.InvariantCulture);
        context.Add(new Diagnostic(descriptor, descriptor.DefaultSeverity, Parsing.SourceSpan.None, descriptor.Format([.. args, lost])));
    }
}
