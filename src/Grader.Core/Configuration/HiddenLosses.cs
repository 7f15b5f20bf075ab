using Grader.Core.Diagnostics;
using Grader.Core.Rubrics;
using Grader.Core.Scoring;

namespace Grader.Core.Configuration;

/// <summary>
/// A config may not turn off a finding that is the only record of points lost (<see cref="Scorer.LossFindings"/>):
/// the score would count a loss no report shows. Turning off a criterion by id gives its points back instead, and
/// turning off an analyzer rule leaves its losses to the criteria's own findings (see <see cref="Scorer"/>).
/// </summary>
internal static class HiddenLosses
{
    public const string Code = "config.rule-keeps-points";

    /// <summary>Checks the settings of one file as they will be used (a discovered file after its trusted-only keys are gone).</summary>
    public static IEnumerable<RubricError> Check(ConfigDto dto, ConfigMarks marks, string file)
    {
        foreach (var (id, severity) in dto.Rules ?? [])
        {
            if (severity == "none" && Scorer.LossFindings.Contains(id.ToUpperInvariant()))
            {
                var (line, column) = marks.Value("rules", id);
                yield return new RubricError(file, line, column, Code,
                    $"'{id}: none' would hide points lost: {id.ToUpperInvariant()} findings are the only record of them. Set it to info, or turn off single criteria by id (e.g. 'model.tradeoffs: none') to give their points back");
            }
        }

        foreach (var (category, severity) in dto.Categories ?? [])
        {
            // A rule's own setting in the same file wins over its category.
            var hidden = DescriptorCatalog.All
                .Where(d => d.Category == category && Scorer.LossFindings.Contains(d.Id)
                    && !(dto.Rules ?? []).Any(r => string.Equals(r.Key, d.Id, StringComparison.OrdinalIgnoreCase) && r.Value != "none"))
                .Select(d => d.Id)
                .ToList();
            if (severity == "none" && hidden.Count > 0)
            {
                var (line, column) = marks.Value("categories", category);
                yield return new RubricError(file, line, column, Code,
                    $"'{category}: none' would hide {string.Join(", ", hidden)}, whose findings are the only record of points lost. Set the category to info, or keep them shown with 'rules: {{{string.Join(", ", hidden.Select(h => h + ": info"))}}}'");
            }
        }
    }
}
