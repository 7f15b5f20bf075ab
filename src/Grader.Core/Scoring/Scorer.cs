using System.Collections.Immutable;
using System.Globalization;
using Grader.Core.Analysis;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;
using Grader.Core.Rubrics;
using Grader.Core.Rubrics.Kinds;

namespace Grader.Core.Scoring;

/// <summary>A score card and the findings scoring made to explain it, which the engine adds to the analyzers' own.</summary>
public sealed record Scored(ScoreCard Card, ImmutableArray<Diagnostic> Findings);

/// <summary>
/// Rubric + analyzed document -> <see cref="ScoreCard"/>. A step scores weight x earned / available over its
/// criteria. Every point lost is tied to a diagnostic: the analyzer that explains it, the missing or hollow step,
/// or a <see cref="DiagnosticIds.CriterionNotMet"/> finding returned with the card. The context is only read.
/// </summary>
public static class Scorer
{
    public static Scored Score(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rubric = context.Rubric;
        var findings = ImmutableArray.CreateBuilder<Diagnostic>();
        var evidence = new EvidenceIndex(context);
        var steps = ImmutableArray.CreateBuilder<StepScore>();
        double total = 0;
        foreach (var step in FrameworkSteps.All)
        {
            var definition = rubric.Step(step);
            var criteria = rubric.Criteria.Where(c => c.Step == step).ToList();
            var available = criteria.Where(c => !c.Deducts()).Sum(c => c.Points);
            var scale = available > 0 ? definition.Weight / available : 0;
            var results = ImmutableArray.CreateBuilder<CriterionResult>();
            double stepScore = 0;
            foreach (var criterion in criteria)
            {
                // No cliffs: evidence counts wherever it stands (outside its step at a share, see EvidenceIndex), so a
                // step without a section of its own still earns what the answer says of it elsewhere.
                var evaluation = Evaluate(criterion, context, evidence, findings);
                var fraction = Math.Clamp(evaluation.Fraction, 0, 1);
                if (criterion.Partial == PartialCredit.AllOrNothing && fraction < 1)
                {
                    fraction = 0;
                }

                var points = criterion.Points * scale;

                // A penalty or a design error costs its points when triggered and offers none to earn.
                var deducts = criterion.Deducts();
                var score = deducts ? -points * (1 - fraction) : points * fraction;
                stepScore += score;
                // Losses that round to 0.0 points are not findings worth a line.
                var lost = deducts ? -score : points - score;
                var explainedBy = Round(lost) > 0 ? Explain(context, criterion, evaluation, lost, points, findings) : null;
                results.Add(new CriterionResult(criterion, fraction, points, score, evaluation.Evidence, evaluation.Missing, explainedBy));
            }

            stepScore = Math.Max(0, stepScore);
            total += stepScore;
            var coverage = context.Map[step];
            var heading = coverage.HeadingSection is { } h ? context.Document.Sections[h] : null;
            var line = heading?.HeadingSpan.Line ?? (coverage.Units.IsEmpty ? null : context.Document.Units[coverage.Units[0]].Span.Line);
            steps.Add(new StepScore(step, heading?.Title, coverage.IsPresent ? line : null, Round(stepScore), definition.Weight, results.ToImmutable(),
                StepMapping.Of(context.Map, step)));
        }

        var rounded = Round(total);
        var card = new ScoreCard(rounded, rubric.MaxScore, rubric.BandFor(rounded), steps.ToImmutable(), Coherence: evidence.Coherence, ScatteredShare: evidence.ScatteredShare);
        return new Scored(card, findings.ToImmutable());
    }

    public static double Round(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    // A rubric pattern that runs past its timeout counts as not matched (no credit, no penalty) and is reported once,
    // here for every criterion kind, instead of stalling the answer.
    private static Evaluation Evaluate(Criterion criterion, AnalysisContext context, EvidenceIndex evidence, ImmutableArray<Diagnostic>.Builder findings)
    {
        try
        {
            return CriterionKinds.For(criterion).Evaluate(criterion, context, evidence);
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            var d = EngineDescriptors.PatternTimedOut;
            findings.Add(new Diagnostic(d, d.DefaultSeverity, Parsing.SourceSpan.None,
                d.Format(criterion.Id, context.Compiled.MatchTimeout.TotalSeconds), criterion.Step, criterion.Id));
            return criterion.Deducts() ? new Evaluation(1, [], null) : Evaluation.Nothing("its pattern timed out");
        }
    }

    private static string Explain(AnalysisContext context, Criterion criterion, Evaluation evaluation, double lost, double points, ImmutableArray<Diagnostic>.Builder findings)
    {
        if (CriterionKinds.For(criterion).Deduction is { } penalised)
        {
            var at = evaluation.Evidence.IsEmpty ? context.StepAnchor(criterion.Step) : evaluation.Evidence[0];
            findings.Add(new Diagnostic(penalised, penalised.DefaultSeverity, at,
                penalised.Format(criterion.Help is { } help ? $"{criterion.Message} Instead: {help}" : criterion.Message, evaluation.Missing, Round(lost).ToString("0.0", CultureInfo.InvariantCulture), criterion.Id),
                criterion.Step, criterion.Id));
            return penalised.Id;
        }

        // A missing or hollow step explains everything lost in it; then the analyzer the criterion names (for an analyzer
        // criterion, its rule).
        foreach (var structural in new[] { DiagnosticIds.StepMissing, DiagnosticIds.StepHollow })
        {
            if (context.Diagnostics.Any(d => d.Id == structural && d.Step == criterion.Step))
            {
                return structural;
            }
        }

        // A rule may name a finding scoring itself made for an earlier criterion, so both lists are asked.
        if (criterion.ExplainedBy is { } rule && (context.Fired(rule) || findings.Any(d => d.Id == rule)))
        {
            return rule;
        }

        var descriptor = EngineDescriptors.CriterionNotMet;
        var message = descriptor.Format(
            evaluation.Missing is null ? criterion.Message : $"{criterion.Message} [{evaluation.Missing}]",
            Round(lost).ToString("0.0", CultureInfo.InvariantCulture),
            Round(points).ToString("0.0", CultureInfo.InvariantCulture),
            criterion.Id);
        findings.Add(new Diagnostic(descriptor, descriptor.DefaultSeverity, context.StepAnchor(criterion.Step), message, criterion.Step, criterion.Id));
        return descriptor.Id;
    }
}
