using Grader.Core.Text;

namespace Grader.Core.Analysis;

/// <summary>
/// Vocabulary the generic analyzers look for. Problem-specific vocabulary lives in rubrics; these are the words
/// that mean the same thing in every ML design answer.
/// </summary>
internal static class Lexicons
{
    // Every lexicon made, in order (static fields start in the order they are written: this one first, All last).
    private static readonly List<Lexicon> Made = [];

    public static Lexicon Baseline { get; } = Make(
        "baseline", "benchmark model", "start simple", "starting point", "first version", "v1", "mvp", "heuristic", "rule-based");

    public static Lexicon SimpleModels { get; } = Make(
        "popularity", "most popular", "logistic regression", "naive bayes", "linear model", "linear regression", "rules",
        "heuristic", "random", "chronological", "co-occurrence", "co-watch", "item-to-item", "mutual connections", "keyword matching", "tf-idf");

    public static Lexicon Starting { get; } = Make("first", "start", "begin", "initial", "simple", "simplest", "before");

    public static PhraseMatcher<string> ModelNames { get; } = Matcher(
        "two-tower", "transformer", "bert", "gbdt", "gradient boosted", "gradient boosting", "xgboost", "lightgbm", "random forest",
        "neural network", "deep learning", "dnn", "cnn", "rnn", "lstm", "gnn", "graphsage", "gcn", "gat", "dcn", "deep and cross",
        "deep & cross", "deepfm", "factorization machine", "factorisation machine", "logistic regression", "resnet", "vit", "yolo",
        "faster r-cnn", "word2vec", "autoencoder", "isolation forest", "naive bayes", "svm", "matrix factorization",
        "matrix factorisation", "wide and deep", "wide & deep", "mlp", "gpt", "llm", "efficientnet", "clip", "siamese", "decision tree");

    public static Lexicon Reasons { get; } = Make(
        "because", "since", "so that", "so we", "as it", "as they", "which", "allow", "enable", "handle", "capture", "due to",
        "compared", "rather than", "instead of", "better", "faster", "cheaper", "simpler", "trade-off", "tradeoff", "pro", "con",
        "advantage", "disadvantage", "works well", "good at", "suited", "scale", "interpretable", "cheap", "expensive", "thanks to",
        "in order to", "lets us", "let us", "given that", "why", "reason", "benefit", "downside", "strength", "weakness", "learn",
        "avoid", "reduce", "improve", "support", "need", "require");

    public static Lexicon TradeOffs { get; } = Make(
        "rather than", "instead of", "trade-off", "tradeoff", "trade off", "at the cost of", "pros and cons", "pro", "con",
        "downside", "drawback", "disadvantage", "on the other hand", "whereas", "compared to", "compared with", "versus", "vs",
        "the cost is", "at the expense of", "sacrifice", "in exchange", "outweigh", "we chose", "we choose", "prefer", "preferred");

    public static Lexicon OfflineMetrics { get; } = Make(
        "precision", "recall", "f1", "roc-auc", "auc", "pr-auc", "ndcg", "mrr", "mean reciprocal rank", "map", "mean average precision",
        "log loss", "normalized cross entropy", "normalised cross entropy", "nce", "rmse", "mae", "iou", "average precision",
        "accuracy", "hit rate", "calibration", "cross-entropy");

    public static Lexicon OnlineMetrics { get; } = Make(
        "ctr", "click-through rate", "click through rate", "watch time", "time spent", "dwell time", "session length", "engagement",
        "conversion", "revenue", "retention", "daily active users", "dau", "churn", "a/b test", "online experiment", "interleaving",
        "prevalence", "appeals", "user reports", "bookings", "booking rate", "acceptance rate", "false decline", "chargeback rate",
        "fraud loss", "complaints", "online metric");

    public static Lexicon Rollout { get; } = Make(
        "a/b test", "ab test", "canary", "shadow", "gradual rollout", "staged rollout", "ramp", "ramp up", "rollback", "roll back",
        "feature flag", "interleaving", "dark launch", "blue-green", "percent of traffic", "% of traffic", "holdout", "rollout",
        // The same steps in everyday words: run beside the current model without acting, then a small share, and a way back.
        "side by side", "beside the current", "alongside the current", "next to the current", "in parallel with the current",
        "against the current model", "against the current one", "without acting on", "small share of", "small random share",
        "small slice of", "small percentage of", "small fraction of", "previous version", "switch back", "restorable", "revert",
        "kill switch");

    public static Lexicon Drift { get; } = Make(
        "drift", "data drift", "concept drift", "distribution shift", "covariate shift", "training-serving skew", "skew",
        "feedback loop", "degrade", "degradation", "stale", "staleness", "decay");

    public static Lexicon Retraining { get; } = Make(
        "retrain", "retraining", "continual learning", "continuous training", "fine-tune", "refresh the model", "model refresh",
        "periodic training", "trained daily", "trained weekly", "train daily", "train weekly", "incremental training", "online learning");

    /// <summary>Words that tie a choice to its reason or its alternative: what turns a mention into a decision.</summary>
    public static Lexicon Decisions { get; } = Make(
        "because", "since", "so that", "so we", "so the", "rather than", "instead of", "due to", "in order to", "given that",
        "which means", "otherwise", "than", "trade-off", "tradeoff", "trade off", "at the cost of", "whereas", "versus", "vs",
        "we chose", "we choose", "we pick", "we picked", "we prefer", "preferred", "only if", "unless", "except", "at most",
        "at least", "to avoid", "to keep", "to reduce", "to prevent", "to limit", "to protect", "to handle", "to catch", "then", "first");

    /// <summary>Hedges that offer options without choosing one: "we can consider X, Y and Z".</summary>
    public static Lexicon Hedges { get; } = Make(
        "can", "could", "might", "may", "should consider", "consider", "considered", "possibly", "potentially", "options include",
        "various", "etc", "and so on", "a variety of", "it is important", "important to", "should be");

    // Every lexicon's terms in one matcher, keyed by the lexicon's bit: a unit is walked once for all of them, where
    // the analyzers asking one lexicon at a time walked most units six or seven times.
    private static readonly PhraseMatcher<int> All = new(Made.SelectMany(l => l.Terms.Select(t => (t, l.Bit))));

    // The lexicons' bits a unit's stems meet, with Known set once they were looked for.
    private const uint Known = 1u << 31;

    /// <summary>The bits of the lexicons <paramref name="stems"/> meet, found once per text and kept with it.</summary>
    internal static uint MaskOf(StemmedText stems)
    {
        var mask = stems.LexiconMask;
        if (mask == 0)
        {
            var visitor = new MaskVisitor();
            All.Visit(stems, ref visitor);
            mask = visitor.Mask | Known;
            stems.LexiconMask = mask;
        }

        return mask;
    }

    private static Lexicon Make(params string[] terms)
    {
        var lexicon = new Lexicon(Made.Count, terms);
        Made.Add(lexicon);
        return lexicon;
    }

    private static PhraseMatcher<string> Matcher(params string[] terms) => new(terms.Select(t => (t, t)));

    private struct MaskVisitor : IMatchVisitor<int>
    {
        public uint Mask;

        public void Match(int key, int start, int length) => Mask |= 1u << key;
    }
}

/// <summary>One lexicon: its terms, and its bit in the mask <see cref="Lexicons.MaskOf"/> finds for a text.</summary>
internal sealed class Lexicon(int bit, string[] terms)
{
    public int Bit { get; } = bit < 31 ? bit : throw new ArgumentOutOfRangeException(nameof(bit), "At most 31 lexicons share a mask.");

    public string[] Terms { get; } = terms;

    /// <summary>True when <paramref name="stems"/> meet one of the terms.</summary>
    public bool Contains(StemmedText stems) => (Lexicons.MaskOf(stems) & (1u << Bit)) != 0;
}
