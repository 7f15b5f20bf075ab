using System.Collections.Immutable;
using Grader.Core.Parsing;
using Grader.Core.Rubrics;
using Grader.Core.Rubrics.Kinds;
using Grader.Core.Text;

namespace Grader.Core.Detection;

/// <summary>
/// How well an answer's prose matches each problem's own substance, and whether it is an ML design at all.
/// <paramref name="MlSignals"/> counts the distinct ML signal groups met until there are
/// <see cref="ProblemDetector.MinMlSignals"/> (the unit that reaches it may add a few more): past that the answer is an ML
/// design, and reading on for more would change nothing.
/// </summary>
public sealed record DetectionResult(
    string? Problem,
    double Confidence,
    bool IsMlDesign,
    int MlSignals,
    ImmutableSortedDictionary<string, double> Matches)
{
    public double MatchOf(string problem) => Matches.GetValueOrDefault(problem);

    public double BestMatch => Matches.Values.DefaultIfEmpty(0).Max();
}

/// <summary>
/// Detects the problem an answer addresses from the concepts each problem rubric adds to <c>base</c> (its own
/// criteria, not the generic ones), counted in prose only and weighted by how few problems share them. An answer with too few ML signals (training, labels,
/// features, loss, offline metrics...) is not an ML design, whatever its vocabulary of caches and APIs.
/// </summary>
public sealed class ProblemDetector
{
    /// <summary>Below this share of a problem's own substance, no problem is claimed.</summary>
    public const double MinMatch = 0.2;

    /// <summary>Distinct ML signal groups an answer needs to count as an ML design.</summary>
    public const int MinMlSignals = 4;

    private const double Temperature = 0.1;

    private static readonly PhraseMatcher<int> MlSignals = new(new[]
    {
        new[] { "train", "training", "retrain", "fine-tune" },
        ["label", "labelled", "annotation", "ground truth"],
        ["feature", "features", "feature engineering", "embedding", "embeddings"],
        ["loss", "cross-entropy", "log loss", "objective function"],
        ["precision", "recall", "auc", "roc-auc", "pr-auc", "ndcg", "mrr", "map", "f1", "rmse", "iou"],
        ["classification", "classifier", "regression", "learning to rank", "pointwise", "multi-task", "link prediction"],
        ["neural network", "gbdt", "logistic regression", "two-tower", "transformer", "gradient boosting", "deep learning", "cnn", "gnn"],
        ["offline evaluation", "online evaluation", "a/b test", "holdout", "validation set", "test set"],
        ["inference", "prediction", "predict", "predicted probability", "score"],
        ["training data", "dataset", "positive", "negative", "class imbalance", "sampling"],
    }.SelectMany((group, i) => group.Select(t => (t, i))));

    // Per problem, its own concepts with a weight: concepts shared by many problems ("ranking", "clicks") say little.
    // Per problem, its concepts' weights and their sum (the same every answer).
    private readonly ImmutableArray<(string Problem, ImmutableArray<double> Weights, double Available)> _problems;
    private readonly PhraseMatcher<int> _matcher;

    public ProblemDetector(RubricCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var baseIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var criterion in catalog.Base.Criteria)
        {
            baseIds.Add(criterion.Id);
        }

        // Per problem, its own concepts, each as the distinct stemmed forms of its terms in rubric order. Built with
        // plain loops: this is most of a one-answer run's set-up, and problems share many terms (stemmed once).
        var stemmed = new Dictionary<string, string>(StringComparer.Ordinal);
        var own = new List<(string Id, List<string[]> Concepts)>();
        foreach (var rubric in catalog.Problems)
        {
            var concepts = new List<string[]>();
            foreach (var criterion in rubric.Criteria)
            {
                if (baseIds.Contains(criterion.Id))
                {
                    continue;
                }

                foreach (var group in CriterionKinds.For(criterion).ConceptGroups(criterion))
                {
                    foreach (var concept in group)
                    {
                        var terms = new List<string>(concept.Terms.Length);
                        foreach (var term in concept.Terms)
                        {
                            if (!stemmed.TryGetValue(term, out var stems))
                            {
                                stemmed[term] = stems = string.Join(' ', Stemmer.StemAll(term));
                            }

                            if (stems.Length > 0 && !terms.Contains(stems))
                            {
                                terms.Add(stems);
                            }
                        }

                        if (terms.Count > 0)
                        {
                            concepts.Add([.. terms]);
                        }
                    }
                }
            }

            own.Add((rubric.Id, concepts));
        }

        // The problems owning a concept that has each term: a chain per term through one list, not a list per term.
        var problemsByTerm = new Dictionary<string, (int Last, int Head)>(StringComparer.Ordinal);
        var chain = new List<(int Problem, int Next)>();
        for (var p = 0; p < own.Count; p++)
        {
            foreach (var concept in own[p].Concepts)
            {
                foreach (var term in concept)
                {
                    var known = problemsByTerm.TryGetValue(term, out var found) ? found : (Last: -1, Head: -1);
                    if (known.Last != p)
                    {
                        chain.Add((p, known.Head));
                        problemsByTerm[term] = (p, chain.Count - 1);
                    }
                }
            }
        }

        // A concept's weight falls with its document frequency: how many problems own a concept sharing one of its
        // terms. A term many concepts share is matched once: each distinct term stands for every concept that has it,
        // numbered problem by problem (the concepts of problem p start at _firstConcept[p]).
        var problems = ImmutableArray.CreateBuilder<(string, ImmutableArray<double>, double)>(own.Count);
        _firstConcept = new int[own.Count + 1];
        var counted = new int[own.Count];
        var conceptsByTerm = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<string>();
        var links = new List<(int Term, int Concept)>();
        for (var p = 0; p < own.Count; p++)
        {
            var concepts = own[p].Concepts;
            _firstConcept[p + 1] = _firstConcept[p] + concepts.Count;
            var weights = ImmutableArray.CreateBuilder<double>(concepts.Count);
            for (var k = 0; k < concepts.Count; k++)
            {
                var stamp = _firstConcept[p] + k + 1;
                var df = 0;
                foreach (var term in concepts[k])
                {
                    for (var at = problemsByTerm[term].Head; at >= 0; at = chain[at].Next)
                    {
                        var q = chain[at].Problem;
                        df += counted[q] == stamp ? 0 : 1;
                        counted[q] = stamp;
                    }

                    if (!conceptsByTerm.TryGetValue(term, out var index))
                    {
                        conceptsByTerm[term] = index = order.Count;
                        order.Add(term);
                    }

                    links.Add((index, _firstConcept[p] + k));
                }

                weights.Add(Math.Log(1.0 + ((double)own.Count / df)));
            }

            var all = weights.MoveToImmutable();
            problems.Add((own[p].Id, all, all.Sum()));
        }

        _problems = problems.MoveToImmutable();
        // The concepts of term t are _concepts[_conceptsOf[t].._conceptsOf[t + 1]], ascending: two flat arrays, not one
        // per term. Links were made concept by concept, so placing them in that order keeps each term's ascending.
        var byTerm = new int[order.Count + 1];
        foreach (var (term, _) in links)
        {
            byTerm[term + 1]++;
        }

        for (var t = 0; t < order.Count; t++)
        {
            byTerm[t + 1] += byTerm[t];
        }

        _conceptsOf = byTerm;
        _concepts = new int[links.Count];
        var next = byTerm[..^1];
        foreach (var (term, concept) in links)
        {
            _concepts[next[term]++] = concept;
        }

        // The matcher stems the stemmed terms again, as it always has: the stemmer is not idempotent (66 of the
        // rubrics' 5,882 words stem further, "degree" -> "degre" -> "degr"), and detection must not move.
        _matcher = new PhraseMatcher<int>(order.Select((term, index) => (term, index)));
    }

    private readonly int[] _firstConcept;
    private readonly int[] _conceptsOf;
    private readonly int[] _concepts;

    public DetectionResult Detect(DesignDocument document, Func<int, StemmedText> stems, Func<TextUnit, bool> counts)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(stems);
        ArgumentNullException.ThrowIfNull(counts);
        var found = new bool[_firstConcept[^1]];
        var signals = new HashSet<int>();
        var concepts = new ConceptVisitor(found, _conceptsOf, _concepts);
        var groups = new KeySetVisitor<int>(signals);
        foreach (var unit in document.Units)
        {
            if (!unit.IsProse || !counts(unit))
            {
                continue;
            }

            var s = stems(unit.Index);
            _matcher.Visit(s, ref concepts);
            if (signals.Count < MinMlSignals)
            {
                MlSignals.Visit(s, ref groups);
            }
        }

        var matches = ImmutableSortedDictionary.CreateBuilder<string, double>(StringComparer.Ordinal);
        for (var p = 0; p < _problems.Length; p++)
        {
            var (problem, weights, available) = _problems[p];
            var earned = 0.0;
            for (var k = 0; k < weights.Length; k++)
            {
                earned += found[_firstConcept[p] + k] ? weights[k] : 0;
            }

            matches[problem] = available > 0 ? earned / available : 0;
        }

        // The signal vocabulary is English: an answer written mostly in another script is not judged by it.
        var isMl = signals.Count >= MinMlSignals || Words.IsMostlyNonLatin(document.Source.Text);
        var ranked = matches.OrderByDescending(m => m.Value).ThenBy(m => m.Key, StringComparer.Ordinal).ToList();
        if (!isMl || ranked.Count == 0 || ranked[0].Value < MinMatch)
        {
            return new DetectionResult(null, 0, isMl, signals.Count, matches.ToImmutable());
        }

        // Softmax over match shares: a clear winner approaches 1, a near tie about 0.5.
        var best = ranked[0].Value;
        var confidence = 1 / ranked.Sum(m => Math.Exp((m.Value - best) / Temperature));
        return new DetectionResult(ranked[0].Key, confidence, isMl, signals.Count, matches.ToImmutable());
    }

    // Marks every concept a matched term stands for.
    private readonly struct ConceptVisitor(bool[] found, int[] conceptsOf, int[] concepts) : IMatchVisitor<int>
    {
        public void Match(int key, int start, int length)
        {
            for (var i = conceptsOf[key]; i < conceptsOf[key + 1]; i++)
            {
                found[concepts[i]] = true;
            }
        }
    }
}
