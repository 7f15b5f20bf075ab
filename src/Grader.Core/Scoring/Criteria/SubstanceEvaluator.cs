using Grader.Core.Analysis;
using Grader.Core.Mapping;
using Grader.Core.Rubrics;

namespace Grader.Core.Scoring.Criteria;

/// <summary>Half the credit for prose words, half for prose sentences, in the criterion's own scope only.</summary>
internal sealed class SubstanceEvaluator : ICriterionEvaluator
{
    public Evaluation Evaluate(Criterion criterion, AnalysisContext context, EvidenceIndex evidence)
    {
        var substance = (SubstanceCriterion)criterion;

        // Repeating a paragraph adds no substance: identical sentences count once.
        var units = substance.Scope.Steps().SelectMany(context.ProseIn)
            .DistinctBy(u => u.Index)
            .DistinctBy(u => u.Text.Trim().ToLowerInvariant())
            .ToList();
        var words = units.Sum(u => u.WordCount);
        var items = units.Count(u => u.Kind == Parsing.UnitKind.ListItem);
        var parts = new List<double>
        {
            Math.Min(1.0, (double)words / substance.MinWords),
            Math.Min(1.0, (double)units.Count / substance.MinSentences),
        };
        if (substance.MinListItems > 0)
        {
            parts.Add(Math.Min(1.0, (double)items / substance.MinListItems));
        }

        var fraction = parts.Average();
        var expected = $"expected {substance.MinWords} words in {substance.MinSentences} sentences"
            + (substance.MinListItems > 0 ? $" and {substance.MinListItems} list items" : "");
        return new Evaluation(
            fraction,
            units.Count > 0 ? [units[0].Span] : [],
            fraction < 1 ? $"{words} words in {units.Count} sentences{(substance.MinListItems > 0 ? $", {items} list items" : "")}; {expected}" : null);
    }
}
