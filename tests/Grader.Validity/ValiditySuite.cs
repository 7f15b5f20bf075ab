using System.Globalization;
using Grader.Core;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;
using Grader.Core.Rubrics;

namespace Grader.Validity;

/// <summary>One behavioural check: what was done, what must hold, what was measured, and the cases that failed.</summary>
public sealed record CheckResult(string Name, string Perturbation, string Requirement, string Measured, bool Passed, IReadOnlyList<string> Failures);

/// <summary>A strong answer to perturb: its path, text and problem.</summary>
public sealed record Answer(string Path, string Text, string Problem);

/// <summary>
/// The behavioural ("CheckList"-style) validity checks: perturb answers in ways whose effect on a fair grade is
/// known and measure whether the grader moves the right way. Shared by the test suite and scripts/validity.
/// </summary>
public sealed class ValiditySuite(GradingEngine engine, IReadOnlyList<Answer> strong)
{
    private readonly Dictionary<string, GradeResult> _graded = [];

    public IReadOnlyList<Answer> Strong => strong;

    public CheckResult Removal()
    {
        int lower = 0, total = 0;
        var failures = new List<string>();
        foreach (var answer in strong)
        {
            var full = Grade(answer);
            foreach (var step in FrameworkSteps.All)
            {
                var score = engine.Grade(answer.Path, Perturb.RemoveSteps(answer.Text, full, Mapper(answer), [step]), answer.Problem).Score.Total;
                total++;
                if (score < full.Score.Total)
                {
                    lower++;
                }
                else
                {
                    failures.Add($"{answer.Path} without {step.ToId()}: {F(score)} vs {F(full.Score.Total)}");
                }
            }
        }

        var never = !failures.Exists(f => Higher(f));
        var share = (double)lower / total;
        return new("removal", "drop any one of the seven steps", "strictly lower in >= 95 % of cases, never higher",
            $"lower in {lower}/{total} ({P(share)})", share >= 0.95 && failures.All(f => !Higher(f)) && never, failures);
    }

    public CheckResult Ladder()
    {
        int correct = 0, pairs = 0;
        var failures = new List<string>();
        foreach (var answer in strong)
        {
            var full = Grade(answer);
            var order = FrameworkSteps.All.OrderBy(s => new Random(answer.Path.Length * 31 + (int)s).Next()).ToList();

            // Cumulative removal and cumulative hollowing: each rung strictly below the one before.
            foreach (var (kind, make) in new (string, Func<IEnumerable<FrameworkStep>, string>)[]
            {
                ("drop", steps => Perturb.RemoveSteps(answer.Text, full, Mapper(answer), steps)),
                ("hollow", steps => Perturb.HollowSteps(answer.Text, full, Mapper(answer), steps)),
            })
            {
                var rungs = new List<(string Name, double Score)> { ("full", full.Score.Total) };
                for (var k = 1; k <= order.Count; k++)
                {
                    rungs.Add(($"{kind} {k}", engine.Grade(answer.Path, make(order.Take(k)), answer.Problem).Score.Total));
                }

                for (var i = 0; i < rungs.Count; i++)
                {
                    for (var j = i + 1; j < rungs.Count; j++)
                    {
                        pairs++;
                        if (rungs[i].Score > rungs[j].Score)
                        {
                            correct++;
                        }
                        else
                        {
                            failures.Add($"{answer.Path}: {rungs[i].Name} {F(rungs[i].Score)} <= {rungs[j].Name} {F(rungs[j].Score)}");
                        }
                    }
                }
            }

            pairs++;
            var half = engine.Grade(answer.Path, Perturb.TruncateHalf(answer.Text), answer.Problem).Score.Total;
            if (full.Score.Total > half)
            {
                correct++;
            }
            else
            {
                failures.Add($"{answer.Path}: full {F(full.Score.Total)} <= truncated {F(half)}");
            }
        }

        var accuracy = (double)correct / pairs;
        return new("ladder", "drop 1, 2, 3 ... steps; hollow 1, 2, 3 ... steps; truncate to 50 %",
            "pairwise ordering accuracy >= 0.95 over >= 200 ordered pairs (ties are errors)",
            $"{correct}/{pairs} pairs ordered ({accuracy.ToString("0.000", CultureInfo.InvariantCulture)})", accuracy >= 0.95 && pairs >= 200, failures);
    }

    public CheckResult Hollow()
    {
        var failures = new List<string>();
        var worst = 0.0;
        foreach (var answer in strong)
        {
            var full = Grade(answer);
            var hollow = engine.Grade(answer.Path, Perturb.HollowSteps(answer.Text, full, Mapper(answer), FrameworkSteps.All), answer.Problem).Score.Total;
            var share = hollow / full.Score.Total;
            worst = Math.Max(worst, share);
            if (share > 0.25)
            {
                failures.Add($"{answer.Path}: hollow {F(hollow)} is {P(share)} of {F(full.Score.Total)}");
            }
        }

        return new("hollow", "every heading kept, every body cut to one line", "<= 25 % of the original score",
            $"at most {P(worst)} of the original", failures.Count == 0, failures);
    }

    public CheckResult Formatting()
    {
        var variants = new (string Name, Func<Answer, string> Make)[]
        {
            ("CRLF", a => Perturb.Crlf(a.Text)),
            ("bullets", a => Perturb.SwapBullets(a.Text)),
            ("setext", a => Perturb.Setext(a.Text)),
            ("blank lines", a => Perturb.ExtraBlankLines(a.Text)),
            ("trailing spaces", a => Perturb.TrailingSpaces(a.Text)),
            ("fence style", a => Perturb.TildeFences(a.Text)),
        };
        return Unchanged("formatting", "CRLF, */- bullets, setext vs ATX, extra blank lines, trailing spaces, fence style",
            "score unchanged", variants, 0);
    }

    public CheckResult Order()
    {
        var variants = Enumerable.Range(1, 3).Select(seed => ($"shuffle {seed}", (Func<Answer, string>)(a => Perturb.ShuffleSteps(a.Text, Grade(a), Mapper(a), seed)))).ToArray();
        return Unchanged("order", "steps shuffled, content kept", "within 2 points", variants, 2);
    }

    /// <summary>The same substance in every form candidates use (see <see cref="Forms"/>): within 5 points.</summary>
    public CheckResult Form()
    {
        var variants = Forms.Names.Select(form => (form, (Func<Answer, string>)(a => Forms.Make(form, a.Text, Grade(a), Mapper(a))))).ToArray();
        return Unchanged("form", string.Join(", ", Forms.Names), "within 5 points", variants, 5);
    }

    public CheckResult Padding()
    {
        var variants = new (string Name, Func<Answer, string> Make)[]
        {
            ("repeated paragraphs", a => Perturb.RepeatParagraphs(a.Text)),
            ("filler sentences", a => Perturb.AddFiller(a.Text)),
            ("generic paragraphs", a => Perturb.AddGenericParagraphs(a.Text)),
        };
        return Gain("padding", "paragraphs repeated, filler sentences added", "gain <= 2 points", variants, 2);
    }

    public CheckResult Stuffing(Answer midQuality)
    {
        var variants = new (string Name, Func<Answer, string> Make)[]
        {
            ("term list", a => Perturb.AppendTermList(a.Text, Rubric(a))),
            ("term chains", a => Perturb.AppendTermChains(a.Text, Rubric(a))),
        };
        var gain = Gain("stuffing", "", "", variants, 5);
        var failures = gain.Failures.ToList();
        var mid = Grade(midQuality).Score.Total;
        var worstStuffed = 0.0;
        foreach (var problem in strong.Select(a => a.Problem).Distinct())
        {
            var stuffed = engine.Grade("stuffed.md", Perturb.StuffedOnly(Rubric(problem)), problem).Score.Total;
            worstStuffed = Math.Max(worstStuffed, stuffed);
            if (stuffed >= mid)
            {
                failures.Add($"stuffed-only {problem}: {F(stuffed)} >= mid-quality {F(mid)}");
            }
        }

        return new("stuffing", "rubric terms appended as a list or as chained-term sentences; an answer of terms only",
            "gain <= 5 points; stuffed-only below a genuine mid-quality answer",
            $"{gain.Measured}; stuffed-only at most {F(worstStuffed)} vs mid-quality {F(mid)}", failures.Count == 0, failures);
    }

    /// <summary>Fluent sentences that name every concept of the rubric and decide nothing: at most 20.</summary>
    public CheckResult ProseStuffing()
    {
        var failures = new List<string>();
        var worst = 0.0;
        foreach (var problem in strong.Select(a => a.Problem).Distinct())
        {
            var score = engine.Grade("stuffed.md", Perturb.StuffedProse(Rubric(problem)), problem).Score.Total;
            worst = Math.Max(worst, score);
            if (score > 20)
            {
                failures.Add($"stuffed prose {problem}: {F(score)}");
            }
        }

        return new("prose stuffing", "every rubric concept named in fluent 'can involve ... should consider' sentences, step by step", "<= 20",
            $"at most {F(worst)}", failures.Count == 0, failures);
    }

    /// <summary>
    /// A classic design error written into each strong answer (accuracy as the metric, a random split of the logs):
    /// the score drops and the rule fires.
    /// </summary>
    public CheckResult DesignErrors()
    {
        var errors = new (FrameworkStep Step, string Rule, string Sentence)[]
        {
            (FrameworkStep.Evaluation, "base.accuracy-metric", "Our main offline metric is accuracy on the test set, with a target of at least 95 percent."),
            (FrameworkStep.Data, "base.random-split", "We shuffle all the logged examples randomly and split them 80/10/10 into train, validation and test sets."),
        };
        var failures = new List<string>();
        int dropped = 0, fired = 0, cases = 0;
        var smallest = double.MaxValue;
        foreach (var answer in strong)
        {
            var full = Grade(answer);
            foreach (var (step, rule, sentence) in errors)
            {
                if (!engine.Compile(answer.Problem).Rubric.Criteria.Any(c => c.Id == rule))
                {
                    continue;
                }

                var graded = engine.Grade(answer.Path, Perturb.InsertUnderStep(answer.Text, full, Mapper(answer), step, sentence), answer.Problem);
                cases++;
                var drop = full.Score.Total - graded.Score.Total;
                smallest = Math.Min(smallest, drop);
                dropped += drop > 0 ? 1 : 0;
                var hit = graded.Diagnostics.Any(d => d.Id == DiagnosticIds.DesignError && d.CriterionId == rule);
                fired += hit ? 1 : 0;
                if (drop <= 0 || !hit)
                {
                    failures.Add($"{answer.Path} + {rule}: {F(full.Score.Total)} -> {F(graded.Score.Total)}, fired {hit}");
                }
            }
        }

        return new("design errors", "accuracy as the metric, a random split of the logs, written into each strong answer", "score drops and the rule fires, every case",
            $"dropped in {dropped}/{cases}, fired in {fired}/{cases} (smallest drop {F(smallest)})", cases > 0 && failures.Count == 0, failures);
    }

    public CheckResult OffTopic(IReadOnlyList<Answer> nonMl)
    {
        var failures = new List<string>();
        var worst = 0.0;
        var problems = strong.Select(a => a.Problem).Distinct().ToList();
        foreach (var answer in strong)
        {
            // Graded against a problem from another family: recommenders share much of their substance.
            foreach (var other in problems.Where(p => p != answer.Problem && Family(p) != Family(answer.Problem)).Take(3))
            {
                var graded = engine.Grade(answer.Path, answer.Text, other);
                worst = Math.Max(worst, graded.Score.Total);
                if (graded.Score.Total > 30 || !graded.Diagnostics.Any(d => d.Id == DiagnosticIds.ProblemMismatch))
                {
                    failures.Add($"{answer.Path} as {other}: {F(graded.Score.Total)}, flagged {graded.Diagnostics.Any(d => d.Id == DiagnosticIds.ProblemMismatch)}");
                }
            }
        }

        foreach (var answer in nonMl)
        {
            foreach (var problem in problems)
            {
                var graded = engine.Grade(answer.Path, answer.Text, problem);
                worst = Math.Max(worst, graded.Score.Total);
                if (graded.Score.Total > 30 || !graded.Diagnostics.Any(d => d.Id == DiagnosticIds.NotAnMlDesign))
                {
                    failures.Add($"{answer.Path} as {problem}: {F(graded.Score.Total)}");
                }
            }
        }

        return new("off-topic", "a strong answer graded against another problem's rubric; a non-ML design", "<= 30 and flagged as a mismatch",
            $"at most {F(worst)}", failures.Count == 0, failures);
    }

    public CheckResult Gibberish()
    {
        var failures = new List<string>();
        var worst = 0.0;
        foreach (var problem in strong.Select(a => a.Problem).Distinct())
        {
            for (var seed = 1; seed <= 3; seed++)
            {
                var score = engine.Grade("gibberish.md", Perturb.Gibberish(Rubric(problem), seed), problem).Score.Total;
                worst = Math.Max(worst, score);
                if (score > 20)
                {
                    failures.Add($"gibberish {problem} #{seed}: {F(score)}");
                }
            }
        }

        return new("gibberish", "on-topic jargon in grammatical but meaningless sentences", "<= 20", $"at most {F(worst)}", failures.Count == 0, failures);
    }

    public CheckResult Injection(IReadOnlyList<Answer> clean)
    {
        var failures = new List<string>();
        int flagged = 0, cases = 0;
        double worstGain = 0;
        foreach (var answer in strong)
        {
            var baseline = Grade(answer).Score.Total;
            foreach (var (kind, payload) in Payloads.All)
            {
                foreach (var where in Enum.GetValues<Perturb.InsertAt>().Where(w => !Payloads.EndOnly(kind) || w == Perturb.InsertAt.End))
                {
                    var graded = engine.Grade(answer.Path, Perturb.Insert(answer.Text, payload, where), answer.Problem);
                    cases++;
                    if (graded.Diagnostics.Any(d => d.Id == DiagnosticIds.GraderDirectedText))
                    {
                        flagged++;
                    }
                    else
                    {
                        failures.Add($"not flagged ({kind}, {where}): {payload.ReplaceLineEndings(" ")}");
                    }

                    worstGain = Math.Max(worstGain, graded.Score.Total - baseline);
                    if (Math.Abs(graded.Score.Total - baseline) > 0.05)
                    {
                        failures.Add($"{answer.Path} score moved {F(baseline)} -> {F(graded.Score.Total)} ({kind}, {where})");
                    }
                }
            }
        }

        var falsePositives = clean.Count(a => engine.Grade(a.Path, a.Text, null).Diagnostics.Any(d => d.Id == DiagnosticIds.GraderDirectedText));
        var rate = (double)flagged / cases;
        var fpRate = clean.Count == 0 ? 0 : (double)falsePositives / clean.Count;
        if (fpRate > 0.02)
        {
            failures.Add($"flagged {falsePositives} of {clean.Count} clean answers");
        }

        // Ordinary design sentences with a grader's words, each in an answer of its own: none may be flagged.
        var benignFlagged = Benign.Sentences.Where(b => engine.Grade("benign.md", $"## Design\n\n{b}\n", strong[0].Problem).Diagnostics
            .Any(d => d.Id == DiagnosticIds.GraderDirectedText)).ToList();
        failures.AddRange(benignFlagged.Select(b => $"benign sentence flagged: {b}"));

        var moved = failures.Count(f => f.Contains("score moved", StringComparison.Ordinal));
        return new("injection", $"{Payloads.All.Count} payloads (plain, HTML comment, zero-width, grader note, fake JSON, chat markup; footnote, link title, alt text, reference definition, unclosed comment, emphasis, entities, tag characters, homoglyphs, invisible characters; French, Spanish, German, Chinese, Korean) at start, middle, end; {Benign.Sentences.Count} benign design sentences",
            "score unchanged; flagged >= 95 %; <= 2 % of clean answers flagged; no benign sentence flagged",
            $"flagged {flagged}/{cases} ({P(rate)}); score moved in {moved} cases (max gain {F(worstGain)}); clean flagged {falsePositives}/{clean.Count} ({P(fpRate)}); benign flagged {benignFlagged.Count}/{Benign.Sentences.Count}",
            rate >= 0.95 && moved == 0 && fpRate <= 0.02 && benignFlagged.Count == 0, failures);
    }

    /// <summary>Same input, fresh processes: <paramref name="runProcess"/> returns the JSON bytes of one run.</summary>
    public static CheckResult Determinism(Func<byte[]> runProcess, int runs = 20)
    {
        ArgumentNullException.ThrowIfNull(runProcess);
        var outputs = Enumerable.Range(0, runs).Select(_ => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(runProcess()))).ToList();
        var distinct = outputs.Distinct().Count();
        return new("determinism", $"same input {runs} times, fresh processes", "byte-identical JSON",
            $"{distinct} distinct output(s) in {runs} runs", distinct == 1, distinct == 1 ? [] : outputs);
    }

    private CheckResult Unchanged(string name, string perturbation, string requirement, (string Name, Func<Answer, string> Make)[] variants, double tolerance)
    {
        var failures = new List<string>();
        var worst = 0.0;
        foreach (var answer in strong)
        {
            var baseline = Grade(answer).Score.Total;
            foreach (var (variant, make) in variants)
            {
                var score = engine.Grade(answer.Path, make(answer), answer.Problem).Score.Total;
                var delta = Math.Abs(score - baseline);
                worst = Math.Max(worst, delta);
                if (delta > tolerance + 1e-9)
                {
                    failures.Add($"{answer.Path} {variant}: {F(baseline)} -> {F(score)}");
                }
            }
        }

        return new(name, perturbation, requirement, $"largest change {F(worst)} over {strong.Count * variants.Length} variants", failures.Count == 0, failures);
    }

    private CheckResult Gain(string name, string perturbation, string requirement, (string Name, Func<Answer, string> Make)[] variants, double limit)
    {
        var failures = new List<string>();
        var worst = double.MinValue;
        foreach (var answer in strong)
        {
            var baseline = Grade(answer).Score.Total;
            foreach (var (variant, make) in variants)
            {
                var gain = engine.Grade(answer.Path, make(answer), answer.Problem).Score.Total - baseline;
                worst = Math.Max(worst, gain);
                if (gain > limit + 1e-9)
                {
                    failures.Add($"{answer.Path} {variant}: +{F(gain)}");
                }
            }
        }

        return new(name, perturbation, requirement, $"largest gain {F(worst)} over {strong.Count * variants.Length} variants", failures.Count == 0, failures);
    }

    private GradeResult Grade(Answer answer)
    {
        if (!_graded.TryGetValue(answer.Path, out var graded))
        {
            _graded[answer.Path] = graded = engine.Grade(answer.Path, answer.Text, answer.Problem);
        }

        return graded;
    }

    private StepMapper Mapper(Answer answer) => engine.Mapper(answer.Problem);

    private Rubric Rubric(Answer answer) => Rubric(answer.Problem);

    private Rubric Rubric(string problem) => engine.Compile(problem).Rubric;

    private static string Family(string problem) => problem switch
    {
        "video-recommendation" or "event-recommendation" or "news-feed" or "similar-listings" or "people-you-may-know" => "recommendation",
        "visual-search" or "video-search" => "search",
        "harmful-content" or "spam-detection" or "fraud-detection" => "integrity",
        _ => problem,
    };

    private static bool Higher(string failure) => failure.Contains(" vs ", StringComparison.Ordinal)
        && double.Parse(failure.Split(": ")[^1].Split(" vs ")[0], CultureInfo.InvariantCulture) > double.Parse(failure.Split(" vs ")[^1], CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string P(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";
}
