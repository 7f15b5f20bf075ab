using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Grader.Core.Parsing;
using Grader.Core.Rubrics;
using Grader.Core.Text;

namespace Grader.Core.Mapping;

/// <summary>
/// Maps sections onto the seven steps: first by heading wording (the rubric's synonym table), inherited by
/// sub-sections that say nothing of their own; then, for text under no informative heading, by content cues.
/// </summary>
public sealed partial class StepMapper
{
    // A block is assigned by content only when one step's cues clearly dominate.
    private const int MinCueHits = 2;
    private const double Dominance = 1.5;

    private readonly PhraseMatcher<FrameworkStep> _headings;
    private readonly PhraseMatcher<FrameworkStep> _cues;
    private readonly PhraseMatcher<bool> _ignored;

    public StepMapper(Rubric rubric)
    {
        ArgumentNullException.ThrowIfNull(rubric);
        _headings = new(rubric.Steps.SelectMany(s => s.Headings.Select(h => (h, s.Step))));
        _cues = new(rubric.Steps.SelectMany(s => s.Cues.Select(c => (c, s.Step))));
        _ignored = new(rubric.IgnoredHeadings.Select(h => (h, true)));
    }

    /// <summary>The steps a heading's wording names, e.g. "6. Model Development and Offline Evaluation" -> model, evaluation.</summary>
    public StepSet StepsOfTitle(string title)
    {
        var stems = Stemmer.StemAll(NumberingPrefix().Replace(title, ""));
        var taken = new bool[stems.Length];
        var result = StepSet.None;
        foreach (var (step, start, length) in _headings.Matches(stems).OrderByDescending(m => m.Length).ThenBy(m => m.Start))
        {
            if (Enumerable.Range(start, length).Any(i => taken[i]))
            {
                continue;
            }

            for (var i = start; i < start + length; i++)
            {
                taken[i] = true;
            }

            result |= step.ToSet();
        }

        return result;
    }

    public bool IsIgnoredTitle(string title)
    {
        var stems = Stemmer.StemAll(NumberingPrefix().Replace(title, ""));
        return stems.Length > 0 && _ignored.Matches(stems).Any(m => m.Start == 0 && m.Length == stems.Length);
    }

    public StepMap Map(DesignDocument document, Func<int, string[]> unitStems)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(unitStems);
        var sections = document.Sections;
        var own = new StepSet[sections.Length];
        var steps = new StepSet[sections.Length];
        var ignored = new bool[sections.Length];
        var title = DocumentTitle(document);

        // Sections are stored in document order, parents before children.
        foreach (var section in sections)
        {
            if (section.IsRoot)
            {
                continue;
            }

            var parent = section.Parent!.Value;
            ignored[section.Index] = ignored[parent] || IsIgnoredTitle(section.Title);
            own[section.Index] = section.Index == title || ignored[section.Index] ? StepSet.None : StepsOfTitle(section.Title);
            steps[section.Index] = own[section.Index] != StepSet.None ? own[section.Index] : steps[parent];
        }

        var unitSteps = new StepSet[document.Units.Length];
        var blockSteps = new Dictionary<int, StepSet>();
        ILookup<int, TextUnit>? unitsByBlock = null; // built once: a scan per block was quadratic in long answers
        foreach (var unit in document.Units)
        {
            if (ignored[unit.Section])
            {
                continue;
            }

            if (steps[unit.Section] != StepSet.None)
            {
                unitSteps[unit.Index] = steps[unit.Section];
                continue;
            }

            if (unit.Block < 0)
            {
                continue;
            }

            if (!blockSteps.TryGetValue(unit.Block, out var byContent))
            {
                unitsByBlock ??= document.Units.ToLookup(u => u.Block);
                byContent = ClassifyBlock(unitsByBlock[unit.Block], unitStems);
                blockSteps[unit.Block] = byContent;
            }

            unitSteps[unit.Index] = byContent;
        }

        var coverage = FrameworkSteps.All.Select(step =>
        {
            var units = document.Units.Where(u => unitSteps[u.Index].Has(step)).Select(u => u.Index).ToImmutableArray();
            var heading = sections.FirstOrDefault(s => own[s.Index].Has(step));
            var prose = units.Where(i => document.Units[i].IsProse).ToList();
            return new StepCoverage(step, heading?.Index, units, prose.Sum(i => document.Units[i].WordCount), prose.Count);
        }).ToImmutableArray();

        return new StepMap([.. steps], [.. ignored], [.. unitSteps], coverage);
    }

    // "# Video recommendation system design" titles the document; its wording must not claim a step.
    private static int? DocumentTitle(DesignDocument document)
    {
        var top = document.Root.Children.Select(i => document.Sections[i]).ToList();
        return top.Count == 1 && top[0].Children.Length > 0 ? top[0].Index : null;
    }

    private StepSet ClassifyBlock(IEnumerable<TextUnit> units, Func<int, string[]> unitStems)
    {
        var hits = new int[FrameworkSteps.All.Count];
        foreach (var unit in units)
        {
            foreach (var (step, _, _) in _cues.Matches(unitStems(unit.Index)))
            {
                hits[(int)step]++;
            }
        }

        var ranked = hits.Select((count, step) => (count, step)).OrderByDescending(x => x.count).ToList();
        var (best, bestStep) = ranked[0];
        return best >= MinCueHits && best >= ranked[1].count * Dominance ? ((FrameworkStep)bestStep).ToSet() : StepSet.None;
    }

    // "1.", "3)", "Step 2:", "Chapter 6:", "§4", "I." before a heading's words.
    [GeneratedRegex(@"^\s*§?\s*(?:(?:step|part|stage|phase|section|chapter)\s*(?=\d))?(?:\d+(?:\.\d+)*|[ivx]+(?=[.)]))?\s*[.):\-–—]*\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberingPrefix();
}
