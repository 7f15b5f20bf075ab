namespace Grader.Core.Mapping;

/// <summary>
/// Decodes the steps of a whole answer at once (Viterbi over its segments). A segment's score for a label is the sum
/// of a heading term (how much of its heading names the label's steps) and a content term (how much more of its
/// wording belongs to those steps than is usual in this answer); moving between steps costs little in framework
/// order and more against it, so order and contiguity are preferred but never required.
/// </summary>
public static class StepDecoder
{
    /// <summary>Weight of a heading wholly in one step's words.</summary>
    public const double HeadingWeight = 5;

    /// <summary>Weight of content: natural log of the lift, capped at <see cref="MaxLift"/> either way.</summary>
    public const double ContentWeight = 1.5;

    public const double MaxLift = 2.5;

    /// <summary>Votes of answer-wide wording that stand for a segment without votes of its own (smoothing).</summary>
    public const double Smoothing = 4;

    /// <summary>Cost of moving on to the next step, of each step skipped on the way, and of going back.</summary>
    public const double NextCost = 0.15;

    public const double SkipCost = 0.08;

    public const double BackCost = 0.8;

    /// <summary>Extra cost of changing step between two sentences of one block.</summary>
    public const double InBlockCost = 0.6;

    /// <summary>
    /// Entering the first step, at any step: a little more than <see cref="NoneCost"/>, so an opening sentence that says
    /// nothing of any step ("I wrote this in forty minutes") belongs to none.
    /// </summary>
    public const double StartCost = 0.35;

    /// <summary>Text that belongs to no step: worse than continuing the step before when nothing else speaks.</summary>
    public const double NoneCost = 0.3;

    /// <summary>Cost of a pair of steps the heading names only one of.</summary>
    public const double PairCost = 1.0;

    private const int Steps = 7;

    /// <summary>A segment: heading coverage per step, content votes per step, and whether it continues the block before.</summary>
    public readonly record struct Input(double[] Heading, double[] Votes, bool InBlock);

    [ThreadStatic]
    private static List<Label>? t_labels;

    /// <summary>Per segment, the steps decided and a confidence.</summary>
    public static List<(StepSet Steps, double Confidence)> Decode(IReadOnlyList<Input> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var n = segments.Count;
        var result = new List<(StepSet, double)>(n);
        if (n == 0)
        {
            return result;
        }

        // The answer's own mix of steps: a segment's votes are judged against it, so a step with a large vocabulary
        // (model, evaluation) does not win every paragraph.
        var total = new double[Steps];
        foreach (var (_, votes, _) in segments)
        {
            for (var k = 0; k < Steps; k++)
            {
                total[k] += votes[k];
            }
        }

        // Half the answer's own mix, half even: a short answer of two steps still shows which paragraph is which.
        var sum = total.Sum();
        var share = total.Select(t => (0.5 * (t + 1) / (sum + Steps)) + (0.5 / Steps)).ToArray();

        // Every segment's labels in one list: segment i's at [first[i], first[i + 1]). The thread's list, grown once.
        var all = t_labels ??= new List<Label>(64);
        all.Clear();
        var first = new int[n + 1];
        for (var i = 0; i < n; i++)
        {
            first[i] = all.Count;
            Labels(segments[i].Heading, segments[i].Votes, share, all);
        }

        first[n] = all.Count;
        var labelsOf = (ReadOnlySpan<Label>)System.Runtime.InteropServices.CollectionsMarshal.AsSpan(all);

        // score[i, p]: best total with the last step at position p (0-6), or -1 before any step (index 7); one array
        // each for the whole answer, row i at i * (Steps + 1).
        const int Start = Steps;
        const int Row = Steps + 1;
        var score = new double[(n + 1) * Row];
        var back = new (int Position, int Label)[(n + 1) * Row];
        score.AsSpan().Fill(double.NegativeInfinity);
        score[Start] = 0;
        for (var i = 0; i < n; i++)
        {
            var labels = labelsOf[first[i]..first[i + 1]];
            for (var p = 0; p <= Steps; p++)
            {
                if (double.IsNegativeInfinity(score[(i * Row) + p]))
                {
                    continue;
                }

                for (var l = 0; l < labels.Length; l++)
                {
                    var label = labels[l];
                    var (to, cost) = Move(p, label, segments[i].InBlock);
                    var candidate = score[(i * Row) + p] - cost + label.Emission;
                    if (candidate > score[((i + 1) * Row) + to])
                    {
                        score[((i + 1) * Row) + to] = candidate;
                        back[((i + 1) * Row) + to] = (p, l);
                    }
                }
            }
        }

        // The first position with the best final score (as MaxBy picks).
        var position = 0;
        for (var p = 1; p <= Steps; p++)
        {
            position = score[(n * Row) + p] > score[(n * Row) + position] ? p : position;
        }

        var chosen = new int[n];
        var from = new int[n];
        for (var i = n; i > 0; i--)
        {
            var (p, l) = back[(i * Row) + position];
            chosen[i - 1] = l;
            from[i - 1] = p;
            position = p;
        }

        var most = 0;
        for (var i = 0; i < n; i++)
        {
            most = Math.Max(most, first[i + 1] - first[i]);
        }

        var weights = new double[most];
        for (var i = 0; i < n; i++)
        {
            // Confidence: how surely the segment covers each chosen step, i.e. the share of the alternatives (from the
            // same place in the sequence) that include it; for two steps, the less sure of the two.
            var labels = labelsOf[first[i]..first[i + 1]];
            var count = labels.Length;
            var max = double.NegativeInfinity;
            for (var l = 0; l < count; l++)
            {
                weights[l] = labels[l].Emission - Move(from[i], labels[l], segments[i].InBlock).Cost;
                max = Math.Max(max, weights[l]);
            }

            var z = 0.0;
            for (var l = 0; l < count; l++)
            {
                weights[l] = Math.Exp(weights[l] - max);
                z += weights[l];
            }

            var steps = labels[chosen[i]].Steps;
            var confidence = steps == StepSet.None ? weights[chosen[i]] / z : double.PositiveInfinity;
            foreach (var step in steps.Steps())
            {
                var covered = 0.0;
                for (var l = 0; l < count; l++)
                {
                    covered += labels[l].Steps.Has(step) ? weights[l] : 0;
                }

                confidence = Math.Min(confidence, covered / z);
            }

            result.Add((steps, confidence));
        }

        // A list a huge answer grew is not kept for the thread's life.
        if (all.Capacity > MaxKeptLabels)
        {
            t_labels = null;
        }

        return result;
    }

    private const int MaxKeptLabels = 1 << 14;

    private readonly record struct Label(StepSet Steps, int First, int Last, double Emission);

    private static (int To, double Cost) Move(int position, Label label, bool inBlock)
    {
        if (label.Steps == StepSet.None)
        {
            return (position, NoneCost);
        }

        if (position == Steps)
        {
            return (label.Last, StartCost);
        }

        if (position == label.First)
        {
            return (label.Last, 0);
        }

        var cost = label.First > position ? NextCost + (SkipCost * (label.First - position - 1)) : BackCost;
        return (label.Last, cost + (inBlock ? InBlockCost : 0));
    }

    // Every single step, no step, and the two steps a heading names together ("Model and offline evaluation"), added to
    // `labels`.
    private static void Labels(double[] heading, double[] votes, double[] share, List<Label> labels)
    {
        var segmentTotal = votes.Sum();
        Span<double> lift = stackalloc double[Steps];
        for (var k = 0; k < Steps; k++)
        {
            var q = (votes[k] + (Smoothing * share[k])) / (segmentTotal + Smoothing);
            lift[k] = q / share[k];
        }

        labels.Add(new(StepSet.None, -1, -1, 0));
        for (var k = 0; k < Steps; k++)
        {
            var h = heading[k];
            labels.Add(new(((FrameworkStep)k).ToSet(), k, k, (HeadingWeight * h * h) + Content(lift, k, k)));
        }

        // Pairs are made only with a step the heading names: no step, each step, and those pairs. A step the heading
        // names with any other step ("Running it; keeping it healthy" names only the second, its text covers both). A
        // pair the heading does not name in full costs a little more.
        for (var x = 0; x < Steps; x++)
        {
            if (heading[x] <= 0)
            {
                continue;
            }

            for (var y = 0; y < Steps; y++)
            {
                if (y == x || (heading[y] > 0 && y < x) )
                {
                    continue;
                }

                var (a, b) = (Math.Min(x, y), Math.Max(x, y));
                var h = heading[a] + heading[b];
                var cost = heading[a] > 0 && heading[b] > 0 ? 0 : PairCost;
                labels.Add(new(((FrameworkStep)a).ToSet() | ((FrameworkStep)b).ToSet(), a, b, (HeadingWeight * h * h) + Content(lift, a, b) - cost));
            }
        }
    }

    // The mean lift of one step or two.
    private static double Content(ReadOnlySpan<double> lift, int a, int b)
    {
        var l = a == b ? lift[a] : (lift[a] + lift[b]) / 2;
        return ContentWeight * Math.Clamp(Math.Log(l), -MaxLift, MaxLift);
    }
}
