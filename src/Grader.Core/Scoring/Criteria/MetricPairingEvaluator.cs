using Grader.Core.Analysis;
using Grader.Core.Rubrics;

namespace Grader.Core.Scoring.Criteria;

/// <summary>Half the credit for an offline metric of the family the rubric names, half for an online metric.</summary>
internal sealed class MetricPairingEvaluator : ICriterionEvaluator
{
    public Evaluation Evaluate(Criterion criterion, AnalysisContext context, EvidenceIndex evidence)
    {
        var pairing = (MetricPairingCriterion)criterion;
        var offline = evidence.Cover(context.Compiled.SetIndex(pairing, 0), pairing.Offline, pairing.Scope, 1);
        var online = evidence.Cover(context.Compiled.SetIndex(pairing, 1), pairing.Online, pairing.Scope, 1);
        var missing = new List<string>();
        if (offline.Fraction < 1)
        {
            missing.Add($"offline: {offline.Missing}");
        }

        if (online.Fraction < 1)
        {
            missing.Add($"online: {online.Missing}");
        }

        return new Evaluation(
            (offline.Fraction + online.Fraction) / 2,
            [.. offline.Evidence, .. online.Evidence],
            missing.Count > 0 ? string.Join("; ", missing) : null);
    }
}
