using System.Buffers;
using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Grader.Core.Parsing;
using Grader.Core.Rubrics;
using Grader.Core.Text;

namespace Grader.Core.Mapping;

/// <summary>
/// Maps an answer onto the seven steps as one decision. The answer is cut into segments (sections, and the top-level
/// blocks of text under no informative heading); each segment is scored for every step from its heading's wording and
/// from its content; <see cref="StepDecoder"/> then picks the most likely sequence, preferring framework order and
/// contiguous steps without requiring either. Built once per rubric; thread-safe.
/// </summary>
public sealed partial class StepMapper
{
    // A heading covering less than this share of its words with one step's wording does not name that step.
    private const double NamesStep = 0.3;

    private readonly PhraseMatcher<FrameworkStep> _headings;
    private readonly PhraseMatcher<bool> _ignored;
    private readonly PhraseMatcher<StepSet> _vocabulary;
    // The step of each of the compiled rubric's concept sets, whose descriptions a unit meets.
    private readonly StepSet[] _stepOfSet;

    public StepMapper(CompiledRubric compiled)
    {
        ArgumentNullException.ThrowIfNull(compiled);
        var rubric = compiled.Rubric;
        _headings = new(rubric.Steps.SelectMany(s => s.Headings.Select(h => (h, s.Step))));
        _ignored = new(rubric.IgnoredHeadings.Select(h => (h, true)));

        // What each step's text talks about: its cues, and the terms and descriptions of the criteria graded in it.
        // Sized for every phrase up front: growing copies the table each time, a good share of a rubric's set-up.
        var phrases = new Dictionary<string, StepSet>(
            rubric.Steps.Sum(s => s.Cues.Length) + compiled.ConceptSets.Sum(s => s.Concepts.Sum(c => c.Phrases.Length)), StringComparer.Ordinal);
        void Add(string phrase, FrameworkStep step) =>
            phrases[phrase] = phrases.GetValueOrDefault(phrase) | step.ToSet();
        foreach (var step in rubric.Steps)
        {
            foreach (var cue in step.Cues)
            {
                Add(cue, step.Step);
            }
        }

        foreach (var set in compiled.ConceptSets)
        {
            foreach (var phrase in set.Concepts.SelectMany(c => c.Phrases))
            {
                Add(phrase, set.Criterion.Step);
            }
        }

        _vocabulary = new(phrases.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value)));
        _stepOfSet = [.. compiled.ConceptSets.Select(s => s.Criterion.Step.ToSet())];
    }

    /// <summary>The steps a heading's wording names, e.g. "6. Model Development and Offline Evaluation" -> model, evaluation.</summary>
    public StepSet StepsOfTitle(string title)
    {
        var coverage = HeadingCoverage(title);
        var result = StepSet.None;
        for (var k = 0; k < coverage.Length; k++)
        {
            if (coverage[k] >= NamesStep)
            {
                result |= ((FrameworkStep)k).ToSet();
            }
        }

        return result;
    }

    public bool IsIgnoredTitle(string title)
    {
        var stems = Stemmer.Tokens(NumberingPrefix().Replace(title, ""));
        return stems.Length > 0 && _ignored.Matches(stems).Any(m => m.Start == 0 && m.Length == stems.Length);
    }

    /// <summary>
    /// Per step, the share of the heading's words that its wording covers (longest phrases first, each word once).
    /// Small words count only where a phrase covers them, so "How do we know it works?" is wholly evaluation.
    /// </summary>
    public double[] HeadingCoverage(string title)
    {
        var stems = Stemmer.Tokens(NumberingPrefix().Replace(title, ""));
        var coverage = new double[FrameworkSteps.All.Length];
        if (stems.Length == 0)
        {
            return coverage;
        }

        Span<int> owner = stems.Length <= 64 ? stackalloc int[stems.Length] : new int[stems.Length];
        owner.Fill(-1);
        List<(FrameworkStep Key, int Start, int Length)>? matches = null;
        _headings.Collect(stems, ref matches);
        if (matches is not null)
        {
            // Longest first, then leftmost: a longer name takes its words before a shorter one inside it.
            PhraseMatches.SortLongestFirst(matches);
            foreach (var (step, start, length) in matches)
            {
                if (owner.Slice(start, length).ContainsAnyExcept(-1))
                {
                    continue;
                }

                owner.Slice(start, length).Fill((int)step);
            }
        }

        var counted = 0;
        for (var i = 0; i < stems.Length; i++)
        {
            if (owner[i] >= 0)
            {
                coverage[owner[i]]++;
                counted++;
            }
            else if (!FunctionWords.Contains(stems[i]))
            {
                counted++;
            }
        }

        for (var k = 0; k < coverage.Length; k++)
        {
            coverage[k] = counted == 0 ? 0 : coverage[k] / counted;
        }

        return coverage;
    }

    /// <summary>
    /// Maps <paramref name="document"/>. <paramref name="unitStems"/> gives a unit's stems, <paramref name="excluded"/> marks
    /// text addressed to a grader (it may not move other text's step), <paramref name="quantities"/> a unit's figures,
    /// <paramref name="described"/> the compiled rubric's concepts whose descriptions a unit meets (matched once, for
    /// mapping and analysis alike).
    /// </summary>
    public StepMap Map(
        DesignDocument document,
        Func<int, StemmedText> unitStems,
        Func<int, bool> excluded,
        Func<int, Quantity[]> quantities,
        Func<int, ImmutableArray<(int Set, int Concept)>> described)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(unitStems);
        ArgumentNullException.ThrowIfNull(excluded);
        ArgumentNullException.ThrowIfNull(quantities);
        ArgumentNullException.ThrowIfNull(described);
        var sections = document.Sections;
        var ignored = new bool[sections.Length];
        var headings = new double[sections.Length][];
        var own = new bool[sections.Length];
        var title = DocumentTitle(document);

        // Sections are stored in document order, parents before children; a sub-section that names no step speaks
        // under its parent's heading, a little less surely.
        foreach (var section in sections)
        {
            headings[section.Index] = new double[FrameworkSteps.All.Length];
            if (section.IsRoot)
            {
                continue;
            }

            var parent = section.Parent!.Value;
            ignored[section.Index] = ignored[parent] || IsIgnoredTitle(section.Title);
            if (ignored[section.Index] || section.Index == title)
            {
                continue;
            }

            var coverage = HeadingCoverage(section.Title);
            own[section.Index] = coverage.Max() >= NamesStep;
            headings[section.Index] = own[section.Index] ? coverage : [.. headings[parent].Select(h => h * InheritedHeading)];
        }

        var segments = Cut(document, headings, own, ignored, excluded, HeadingCoverage);
        var decoded = StepDecoder.Decode(segments.Select(s => new StepDecoder.Input(
            s.Heading, Votes(document, s.Units, unitStems, quantities, described), s.InBlock)).ToList());

        var unitSteps = new StepSet[document.Units.Length];
        var unitConfidence = new double[document.Units.Length];
        var sectionSteps = new StepSet[sections.Length];
        var mapped = ImmutableArray.CreateBuilder<MappedSegment>();
        for (var i = 0; i < segments.Count; i++)
        {
            var (section, units, inBlock, heading) = segments[i];
            var (steps, confidence) = decoded[i];
            foreach (var unit in units)
            {
                unitSteps[unit] = steps;
                unitConfidence[unit] = confidence;
            }

            sectionSteps[section] |= steps;
            var fromHeading = steps.Steps().Any(s => heading[(int)s] >= NamesStep);
            var first = document.Units[units[0]].Span;
            var last = document.Units[units[^1]].Span;
            var words = units.Sum(u => document.Units[u].WordCount);
            var segment = new MappedSegment(first.Line, last.EndLine, section, steps,
                fromHeading ? MappingSource.Heading : MappingSource.Content, confidence, words);

            // Neighbouring segments decided alike are reported as one stretch (sentences of a paragraph, or a hundred
            // sub-sections of one step): a report's size follows the answer's steps, not its headings.
            if (mapped.Count > 0 && mapped[^1] is var previous && previous.Steps == steps && previous.Source == segment.Source)
            {
                var total = Math.Max(1, previous.Words + words);
                mapped[^1] = previous with
                {
                    EndLine = Math.Max(previous.EndLine, segment.EndLine),
                    Words = previous.Words + words,
                    Confidence = ((previous.Confidence * Math.Max(0, previous.Words)) + (confidence * words)) / total,
                };
            }
            else
            {
                mapped.Add(segment);
            }
        }

        for (var i = 0; i < mapped.Count; i++)
        {
            mapped[i] = mapped[i] with { Confidence = Math.Round(mapped[i].Confidence, 2) };
        }

        // Per step, in loops sized up front: run for every answer, the LINQ it replaced grew seven lists of units.
        var coverageByStep = ImmutableArray.CreateBuilder<StepCoverage>(FrameworkSteps.All.Length);
        var stepUnits = ImmutableArray.CreateBuilder<int>(document.Units.Length);
        var found = ImmutableArray.CreateBuilder<int>(mapped.Count);
        foreach (var step in FrameworkSteps.All)
        {
            stepUnits.Clear();
            int proseWords = 0, proseUnits = 0;
            foreach (var unit in document.Units)
            {
                if (unitSteps[unit.Index].Has(step))
                {
                    stepUnits.Add(unit.Index);
                    proseWords += unit.IsProse ? unit.WordCount : 0;
                    proseUnits += unit.IsProse ? 1 : 0;
                }
            }

            int? heading = null;
            foreach (var section in sections)
            {
                if (own[section.Index] && sectionSteps[section.Index].Has(step) && headings[section.Index][(int)step] >= NamesStep)
                {
                    heading = section.Index;
                    break;
                }
            }

            found.Clear();
            for (var i = 0; i < mapped.Count; i++)
            {
                if (mapped[i].Steps.Has(step))
                {
                    found.Add(i);
                }
            }

            coverageByStep.Add(new StepCoverage(step, heading, stepUnits.ToImmutable(), proseWords, proseUnits, found.ToImmutable()));
        }

        var headingSteps = new StepSet[headings.Length];
        for (var s = 0; s < headings.Length; s++)
        {
            for (var k = 0; k < headings[s].Length; k++)
            {
                headingSteps[s] |= headings[s][k] >= NamesStep ? ((FrameworkStep)k).ToSet() : StepSet.None;
            }
        }

        return new StepMap([.. sectionSteps], [.. headingSteps], [.. ignored], [.. unitSteps], coverageByStep.MoveToImmutable(), mapped.ToImmutable(), [.. unitConfidence]);
    }

    /// <summary>A sub-section's heading share when it inherits its parent's.</summary>
    public const double InheritedHeading = 0.7;

    // Sections under a heading that names a step are one segment each. Text under no informative heading is decided
    // sentence by sentence, so one paragraph may cover two steps; changing step inside a top-level block (a
    // paragraph, a list item, a dialogue turn) costs more than between blocks. A long section under a soft heading
    // (a bold line, an inherited or partial match) is split the same way: "**Labels.**" in an answer without
    // headings does not own the next five pages; its heading speaks only for its first block.
    private static List<Segment> Cut(DesignDocument document, double[][] headings, bool[] own, bool[] ignored, Func<int, bool> excluded,
        Func<string, double[]> headingCoverage)
    {
        var rootOf = TopLevelBlocks(document);
        var turnOf = Turns(document, rootOf);
        var split = SplitSections(document, headings, own, rootOf, excluded);
        var none = new double[FrameworkSteps.All.Length];

        // An interviewer's question that names a step heads its whole turn, as a section heading would; a vague one
        // ("What do you think?") leaves the reply to be decided sentence by sentence.
        var questions = new Dictionary<int, double[]>();
        foreach (var q in turnOf.Where(q => q >= 0).Distinct())
        {
            var coverage = headingCoverage(document.Blocks[q].Text);
            if (coverage.Max() >= NamesStep)
            {
                questions[q] = coverage;
            }
        }

        var segments = new List<Segment>();
        var current = new List<int>();
        (int Section, int Turn, double[] Heading) open = (-1, -1, none);
        var lastKey = (Section: -1, Block: -1);
        var firstBlock = new Dictionary<int, int>();
        foreach (var unit in document.Units)
        {
            if (ignored[unit.Section] || excluded(unit.Index))
            {
                continue;
            }

            var turn = unit.Block >= 0 ? turnOf[unit.Block] : -1;
            if (!split[unit.Section] || questions.ContainsKey(turn))
            {
                var group = split[unit.Section] ? (unit.Section, turn, questions[turn]) : (unit.Section, -1, headings[unit.Section]);
                if ((group.Item1, group.Item2) != (open.Section, open.Turn))
                {
                    Flush();
                    open = group;
                }

                current.Add(unit.Index);
                continue;
            }

            Flush();

            // A heading that names no step ("Overview", the document's title) is not text of any step.
            if (unit.Kind == UnitKind.Heading)
            {
                continue;
            }

            var key = (unit.Section, unit.Block < 0 ? -1 : turn >= 0 ? turn : rootOf[unit.Block]);
            if (key.Item2 >= 0)
            {
                firstBlock.TryAdd(unit.Section, key.Item2);
            }

            var heading = key.Item2 < 0 || firstBlock.GetValueOrDefault(unit.Section, -2) == key.Item2 ? headings[unit.Section] : none;
            segments.Add(new(unit.Section, [unit.Index], key == lastKey && key.Item2 >= 0, heading));
            lastKey = key;
        }

        Flush();
        return segments;

        void Flush()
        {
            if (current.Count > 0)
            {
                segments.Add(new(open.Section, [.. current], false, open.Heading));
                current.Clear();
                lastKey = (-1, -1);
            }

            open = (-1, -1, none);
        }
    }

    private readonly record struct Segment(int Section, int[] Units, bool InBlock, double[] Heading);

    /// <summary>A section under a soft heading is split when it has at least this many blocks and this share of the words.</summary>
    public const int SplitBlocks = 4;

    public const double SplitShare = 0.15;

    // A heading that names no step leaves its text to content; a soft one (bold line, inherited, or a partial match)
    // does too once its section is long.
    private static bool[] SplitSections(DesignDocument document, double[][] headings, bool[] own, int[] rootOf, Func<int, bool> excluded)
    {
        var split = new bool[document.Sections.Length];
        var words = new int[document.Sections.Length];
        var blocks = new int[document.Sections.Length];

        // Each section's distinct top-level blocks, counted from (section, block) pairs sorted in a lent array rather
        // than gathered in a set per section.
        var pairs = ArrayPool<long>.Shared.Rent(Math.Max(1, document.Units.Length));
        var count = 0;
        foreach (var unit in document.Units)
        {
            // Text addressed to a grader may not change how the rest is cut.
            if (excluded(unit.Index))
            {
                continue;
            }

            words[unit.Section] += unit.WordCount;
            if (unit.Block >= 0)
            {
                pairs[count++] = ((long)unit.Section << 32) | (uint)rootOf[unit.Block];
            }
        }

        var sorted = pairs.AsSpan(0, count);
        sorted.SortAscending();
        for (var k = 0; k < sorted.Length; k++)
        {
            blocks[(int)(sorted[k] >> 32)] += k == 0 || sorted[k] != sorted[k - 1] ? 1 : 0;
        }

        ArrayPool<long>.Shared.Return(pairs);

        var total = Math.Max(1, words.Sum());
        foreach (var section in document.Sections)
        {
            var i = section.Index;
            var strength = headings[i].Max();
            var soft = section.Style == HeadingStyle.BoldLine || !own[i] || strength < 0.6;
            var big = blocks[i] >= SplitBlocks && (double)words[i] / total > SplitShare;
            split[i] = strength < NamesStep || (soft && big);
        }

        return split;
    }

    /// <summary>An answer written as an interview holds at least this many interviewer lines.</summary>
    public const int DialogueQuestions = 3;

    // For each block of an answer written as an interview ("Interviewer: … / Me: …"), the interviewer's paragraph that
    // opened its turn: the candidate's reply may run over several paragraphs, lists and code, and is one block of
    // text for the decoder. -1 where no turn is open, and everywhere in an answer that is not a dialogue.
    private static int[] Turns(DesignDocument document, int[] rootOf)
    {
        var turns = new int[document.Blocks.Length];
        Array.Fill(turns, -1);
        var questions = document.Blocks.Where(b => b.Depth == 0 && b.Kind == BlockKind.Paragraph && InterviewerLine().IsMatch(b.Text)).ToList();
        if (questions.Count < DialogueQuestions)
        {
            return turns;
        }

        var open = -1;
        foreach (var block in document.Blocks)
        {
            if (questions.Contains(block))
            {
                open = block.Index;
            }

            turns[block.Index] = open >= 0 && document.Blocks[open].Section == block.Section ? open : -1;
        }

        return turns;
    }

    [GeneratedRegex(@"^[\s*_]*(?:interviewer|interviewers|q|question|panel|panelist|hiring manager)\b[^:\n]{0,20}:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InterviewerLine();

    // For each block, the top-level block it belongs to: a paragraph, a table, or one item of a top-level list.
    private static int[] TopLevelBlocks(DesignDocument document)
    {
        var roots = new int[document.Blocks.Length];
        int top = -1, item = -1;
        foreach (var block in document.Blocks)
        {
            if (block.Depth == 0 || top < 0 || document.Blocks[top].Section != block.Section)
            {
                (top, item) = (block.Index, -1);
            }
            else if (document.Blocks[top].Kind == BlockKind.List && block.Kind == BlockKind.ListItem && block.Depth == 1
                && (item < 0 || block.Span.Line > document.Blocks[item].Span.EndLine))
            {
                item = block.Index;
            }

            roots[block.Index] = item >= 0 ? item : top;
        }

        return roots;
    }

    // Per step, how much of the segment's wording belongs to it: each vocabulary phrase votes, split among the steps
    // it belongs to; overlapping phrases count once (longest first).
    private double[] Votes(DesignDocument document, int[] units, Func<int, StemmedText> unitStems, Func<int, Quantity[]> quantities, Func<int, ImmutableArray<(int Set, int Concept)>> described)
    {
        var votes = new double[FrameworkSteps.All.Length];
        var matches = t_matches;
        // Which of a unit's words a longer phrase has taken; on the stack for any but a very long unit.
        Span<bool> shortUnit = stackalloc bool[256];
        foreach (var unit in units)
        {
            if (document.Units[unit].Kind == UnitKind.Heading)
            {
                continue;
            }

            var stems = unitStems(unit);
            matches?.Clear();
            _vocabulary.Collect(stems, ref matches);
            t_matches = matches;
            if (matches is { Count: > 0 })
            {
                PhraseMatches.SortLongestFirst(matches);
                var taken = stems.Length <= shortUnit.Length ? shortUnit[..stems.Length] : new bool[stems.Length];
                taken.Clear();
                foreach (var (steps, start, length) in matches)
                {
                    if (taken.Slice(start, length).Contains(true))
                    {
                        continue;
                    }

                    taken.Slice(start, length).Fill(true);
                    Vote(votes, steps, 1);
                }
            }

            foreach (var (set, _) in described(unit))
            {
                Vote(votes, _stepOfSet[set], DescriptionVote);
            }

            // Scale figures are what requirements state; a latency budget is stated there or split in serving.
            foreach (var quantity in quantities(unit))
            {
                Vote(votes, quantity.Kind switch
                {
                    QuantityKind.Latency => StepSet.Requirements | StepSet.Serving,
                    QuantityKind.Users or QuantityKind.Throughput or QuantityKind.Items or QuantityKind.Storage or QuantityKind.Money => StepSet.Requirements,
                    _ => StepSet.None,
                }, 1);
            }
        }

        return votes;
    }

    // The vocabulary matches of one unit at a time, reused by the thread (a mapper is shared by threads).
    [ThreadStatic]
    private static List<(StepSet Key, int Start, int Length)>? t_matches;

    // A description is a whole idea in everyday words, worth more than a single cue word.
    private const double DescriptionVote = 2;

    private static void Vote(double[] votes, StepSet steps, double weight)
    {
        var count = System.Numerics.BitOperations.PopCount((uint)steps);
        for (var k = 0; k < votes.Length; k++)
        {
            if (steps.Has((FrameworkStep)k))
            {
                votes[k] += weight / count;
            }
        }
    }

    // "# Video recommendation system design" titles the document; its wording must not claim a step.
    private static int? DocumentTitle(DesignDocument document)
    {
        var top = document.Root.Children.Select(i => document.Sections[i]).ToList();
        return top.Count == 1 && top[0].Children.Length > 0 ? top[0].Index : null;
    }

    // "1.", "3)", "Step 2:", "Chapter 6:", "§4", "I." before a heading's words.
    [GeneratedRegex(@"^\s*§?\s*(?:(?:step|part|stage|phase|section|chapter)\s*(?=\d))?(?:\d+(?:\.\d+)*|[ivx]+(?=[.)]))?\s*[.):\-–—]*\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberingPrefix();
}
