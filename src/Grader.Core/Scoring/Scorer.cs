using System.Collections.Immutable;
using System.Globalization;
using Grader.Core.Analysis;
using Grader.Core.Configuration;
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
/// or a <see cref="DiagnosticIds.CriterionNotMet"/> finding returned with the card. The context is only read. A configuration can turn a criterion off
/// (treated as met, its points given back and recorded) but never hide a loss: an explaining finding the configuration
/// does not show explains nothing, and the criterion's own finding reports the loss instead.
/// </summary>
public static class Scorer
{
    /// <summary>
    /// Findings that are the only record of points lost: a criterion's own (MLSD0301), a deduction's (MLSD0302,
    /// MLSD0401) and the relevance findings that scale the whole score. A configuration may not turn them off.
    /// </summary>
    public static IReadOnlySet<string> LossFindings { get; } = new[] { EngineDescriptors.CriterionNotMet, EngineDescriptors.NotAnMlDesign, EngineDescriptors.ProblemMismatch, EngineDescriptors.ScatteredJargon }
        .Concat(CriterionKinds.All.Select(k => k.Deduction).OfType<DiagnosticDescriptor>())
        .Select(d => d.Id)
        .ToHashSet(StringComparer.Ordinal);

    public static Scored Score(AnalysisContext context, GraderConfig? config = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        config ??= GraderConfig.Default;
        var rubric = context.Rubric;
        var findings = ImmutableArray.CreateBuilder<Diagnostic>();
        var evidence = new EvidenceIndex(context);
        var scales = FrameworkSteps.All.Select(step =>
        {
            var available = rubric.Criteria.Where(c => c.Step == step && !c.Deducts()).Sum(c => c.Points);
            return available > 0 ? rubric.Step(step).Weight / available : 0;
        }).ToArray();

        // A design error written in another step's text costs there too: the choice is wrong where it is made (a 0.5
        // threshold in the model section) and where it does harm (serving), as a reviewer marks both.
        var carried = Carried(context, evidence, scales, findings);
        var carriedLost = new Dictionary<Criterion, double>(ReferenceEqualityComparer.Instance);
        var deferred = new List<(Criterion Criterion, Evaluation Evaluation, double Lost, double Points)>();
        var steps = ImmutableArray.CreateBuilder<StepScore>();
        double total = 0;
        foreach (var step in FrameworkSteps.All)
        {
            var definition = rubric.Step(step);
            var scale = scales[(int)step];
            var results = ImmutableArray.CreateBuilder<CriterionResult>();
            double stepScore = 0;

            // What the step would score with nothing turned off, and what each criterion turned off would have lost.
            double asGraded = 0;
            var waived = new List<(int Index, double Lost)>();
            foreach (var criterion in rubric.Criteria)
            {
                if (criterion.Step != step)
                {
                    continue;
                }

                // No cliffs: evidence counts wherever it stands (outside its step at a share, see EvidenceIndex), so a
                // step without a section of its own still earns what the answer says of it elsewhere.
                var (evaluation, fraction) = carried.TryGetValue(criterion, out var known) ? (known.Evaluation, known.Fraction) : Fraction(criterion, Evaluate(criterion, context, evidence, findings));
                var points = criterion.Points * scale;

                // A penalty or a design error costs its points when triggered and offers none to earn.
                var deducts = criterion.Deducts();
                var score = deducts ? -points * (1 - fraction) : points * fraction;
                asGraded += score;

                // Losses that round to 0.0 points are not findings worth a line.
                var lost = deducts ? -score : points - score;
                if (config.CriteriaOff.TryGetValue(criterion.Id, out var off))
                {
                    waived.Add((results.Count, lost));
                    score = deducts ? 0 : points;
                    stepScore += score;
                    results.Add(new CriterionResult(criterion, 1, points, score, evaluation.Evidence, null, null, off));
                    continue;
                }

                stepScore += score;
                string? explainedBy = null;
                if (Round(lost) > 0 && known is { Steps: not StepSet.None })
                {
                    // Reported once all steps are scored, with what it cost everywhere.
                    deferred.Add((criterion, evaluation, lost, points));
                    explainedBy = CriterionKinds.For(criterion).Deduction?.Id;
                }
                else if (Round(lost) > 0)
                {
                    explainedBy = Explain(context, config, criterion, evaluation, lost, points, findings);
                }

                results.Add(new CriterionResult(criterion, fraction, points, score, evaluation.Evidence, evaluation.Missing, explainedBy));
            }

            foreach (var (criterion, cost) in carried.Where(kv => kv.Value.Steps.Has(step)))
            {
                // It takes what the step has, no more: a step never goes below zero. Turned off, it is given back here too.
                var wouldTake = Math.Min(cost.Points, Math.Max(0, asGraded));
                asGraded -= wouldTake;
                if (config.CriteriaOff.TryGetValue(criterion.Id, out var off))
                {
                    waived.Add((results.Count, wouldTake));
                    results.Add(new CriterionResult(criterion, 1, 0, 0, cost.Evaluation.Evidence, null, null, off));
                    continue;
                }

                var taken = Math.Min(cost.Points, Math.Max(0, stepScore));
                stepScore -= taken;
                carriedLost[criterion] = carriedLost.GetValueOrDefault(criterion) + taken;
                results.Add(new CriterionResult(criterion, cost.Fraction, taken, -taken, cost.Evaluation.Evidence,
                    $"a design error charged to {criterion.Step.ToId()} that also costs here: {cost.Evaluation.Missing}", Round(taken) > 0 ? CriterionKinds.For(criterion).Deduction?.Id : null));
            }

            // A step never scores below 0, so turning off a deduction gives back only what it really cost; shared out
            // when several criteria of the step are off.
            var given = Math.Max(0, stepScore) - Math.Max(0, asGraded);
            var nominal = waived.Sum(w => w.Lost);
            foreach (var (index, lost) in waived)
            {
                results[index] = results[index] with { PointsGivenBack = nominal > 0 ? given * lost / nominal : 0 };
            }

            stepScore = Math.Max(0, stepScore);
            total += stepScore;
            var coverage = context.Map[step];
            var heading = coverage.HeadingSection is { } h ? context.Document.Sections[h] : null;
            var line = heading?.HeadingSpan.Line ?? (coverage.Units.IsEmpty ? null : context.Document.Units[coverage.Units[0]].Span.Line);
            steps.Add(new StepScore(step, heading?.Title, coverage.IsPresent ? line : null, Round(stepScore), definition.Weight, results.ToImmutable(),
                StepMapping.Of(context.Map, step)));
        }

        foreach (var (criterion, evaluation, lost, points) in deferred)
        {
            Explain(context, config, criterion, evaluation, lost + carriedLost.GetValueOrDefault(criterion), points, findings);
        }

        var rounded = Round(total);
        var card = new ScoreCard(rounded, rubric.MaxScore, rubric.BandFor(rounded), steps.ToImmutable(), Coherence: evidence.Coherence, ScatteredShare: evidence.ScatteredShare);
        return new Scored(card, findings.ToImmutable());
    }

    public static double Round(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    private static (Evaluation Evaluation, double Fraction) Fraction(Criterion criterion, Evaluation evaluation)
    {
        var fraction = Math.Clamp(evaluation.Fraction, 0, 1);
        return (evaluation, criterion.Partial == PartialCredit.AllOrNothing && fraction < 1 ? 0 : fraction);
    }

    private sealed record Carry(Evaluation Evaluation, double Fraction, StepSet Steps, double Points);

    // Every deducting criterion, evaluated once. A triggered one also costs, the same points, in the steps it drives and
    // in the step (of its scope) whose text states it.
    private static Dictionary<Criterion, Carry> Carried(AnalysisContext context, EvidenceIndex evidence, double[] scales, ImmutableArray<Diagnostic>.Builder findings)
    {
        var result = new Dictionary<Criterion, Carry>(ReferenceEqualityComparer.Instance);
        foreach (var criterion in context.Rubric.Criteria.Where(c => c.Deducts()))
        {
            var (evaluation, fraction) = Fraction(criterion, Evaluate(criterion, context, evidence, findings));
            var steps = StepSet.None;
            if (fraction < 1)
            {
                steps = CriterionKinds.For(criterion).Drives(criterion);
                if (!evaluation.Evidence.IsEmpty && context.Document.Units.FirstOrDefault(u => u.Span == evaluation.Evidence[0]) is { } unit)
                {
                    // Only where the author put it, under that step's own heading: a content-mapped sentence's step is
                    // a guess, and a guess must not move a cost.
                    steps |= (context.Map.UnitSteps[unit.Index] & criterion.Scope).Steps()
                        .Where(s => context.Map[s].HeadingSection is { } h && context.Document.IsWithin(unit.Section, h))
                        .Aggregate(StepSet.None, (set, s) => set | s.ToSet());
                }

                steps &= ~criterion.Step.ToSet();
            }

            result[criterion] = new Carry(evaluation, fraction, steps, criterion.Points * scales[(int)criterion.Step] * (1 - fraction));
        }

        return result;
    }

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

    private static string Explain(AnalysisContext context, GraderConfig config, Criterion criterion, Evaluation evaluation, double lost, double points, ImmutableArray<Diagnostic>.Builder findings)
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
        // criterion, its rule). A finding the configuration turned off explains nothing: the loss falls to MLSD0301.
        bool Shown(Diagnostic d) => config.SeverityOf(d) is not null;
        foreach (var structural in new[] { DiagnosticIds.StepMissing, DiagnosticIds.StepHollow })
        {
            if (context.Diagnostics.Any(d => d.Id == structural && d.Step == criterion.Step && Shown(d)))
            {
                return structural;
            }
        }

        // A rule may name a finding scoring itself made for an earlier criterion, so both lists are asked.
        if (criterion.ExplainedBy is { } rule && context.Diagnostics.Concat(findings).Any(d => d.Id == rule && Shown(d)))
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
