using System.Collections.Immutable;
using Grader.Core.Analysis;
using Grader.Core.Detection;
using Grader.Core.Diagnostics;
using Grader.Core.Rubrics.Kinds;

namespace Grader.Core.Scoring;

/// <summary>
/// The grade of an answer the rubrics cannot read (MLSD0013). Nothing was judged, so nothing is scored: every step and
/// criterion stands at 0 with the finding as its reason, the band is <see cref="Band"/>, and what the rubric alone gave
/// is kept as the raw total (relevance 0), as for an off-topic answer. Findings that judge content are dropped.
/// </summary>
public static class WithheldScore
{
    public const string Band = "ungraded";

    public static ScoreCard Apply(ScoreCard card, LanguageResult language, AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(language);
        ArgumentNullException.ThrowIfNull(context);
        var d = EngineDescriptors.LanguageNotRead;
        var percent = Math.Floor(language.Share * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture);
        context.Add(new Diagnostic(d, d.DefaultSeverity, Parsing.SourceSpan.None, d.Format(percent, language.Name, card.Max, Band)));
        var missing = $"not graded: the answer is in {language.Name}";
        var steps = card.Steps.Select(step => step with
        {
            Score = 0,
            Criteria = [.. step.Criteria.Select(c => c with
            {
                // A penalty or design error offers nothing to earn: not judged, it deducts nothing.
                Fraction = c.Criterion.Deducts() ? 1 : 0,
                Score = 0,
                Evidence = ImmutableArray<Parsing.SourceSpan>.Empty,
                Missing = c.Criterion.Deducts() ? null : missing,
                ExplainedBy = c.Criterion.Deducts() || c.Points <= 0 ? null : d.Id,
            })],
        }).ToImmutableArray();
        return card with
        {
            Total = 0, Band = Band, Steps = steps, Relevance = 0, RawTotal = card.Total, Coherence = null, ScatteredShare = 0, Withheld = true,
        };
    }

    /// <summary>
    /// Findings about an unread answer that still hold: the document's own (front matter, input, suppressions), integrity
    /// and model feedback. Missing steps, rubric criteria, content rules and the topic judged from English words do not.
    /// </summary>
    public static bool StillApplies(Diagnostic diagnostic)
    {
        ArgumentNullException.ThrowIfNull(diagnostic);
        return diagnostic.Descriptor.Category switch
        {
            Categories.Document => diagnostic.Id is not (DiagnosticIds.ProblemMismatch or DiagnosticIds.NotAnMlDesign or DiagnosticIds.ProblemUncertain),
            Categories.Integrity => diagnostic.Id != DiagnosticIds.ScatteredJargon,
            Categories.Llm => true,
            _ => false,
        };
    }
}
