using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Grader.Core.Analysis;
using Grader.Core.Configuration;
using Grader.Core.Detection;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;
using Grader.Core.Parsing;
using Grader.Core.Rubrics;
using Grader.Core.Scoring;
using Grader.Core.Suppressions;

namespace Grader.Core;

/// <summary>Which rubric an answer was graded against and why: the flag, its front matter, or detection.</summary>
public sealed record ProblemResolution(string Id, string Source, string? Detected, double? Confidence);

/// <summary>Everything known about one graded answer.</summary>
public sealed record GradeResult(
    string Path,
    DesignDocument Document,
    ProblemResolution Problem,
    StepMap Map,
    ScoreCard Score,
    ImmutableArray<Diagnostic> Diagnostics,
    Llm.LlmFeedback? Feedback = null)
{
    /// <summary>
    /// The result without its parse tree and step map, which no report reads: what a large batch keeps per answer
    /// while other answers are graded. The source text and the headings stay (fingerprints and HTML quotes read them).
    /// </summary>
    public GradeResult Compact() => this with
    {
        Document = Document with { Sections = [.. Document.Sections.Select(s => s with { Blocks = [] })], Blocks = [], Units = [], Issues = [] },
        Map = StepMap.Empty,
    };
}

/// <summary>Composes the stages: parse -> map -> analyze -> score. Thread-safe; rubrics are compiled once.</summary>
public sealed class GradingEngine
{
    // Lazy values: GetOrAdd may run its factory on two threads at once, and a batch's two grading threads ask for the
    // same problems within the same milliseconds; each is built once and the other thread waits for it.
    private readonly ConcurrentDictionary<string, Lazy<CompiledRubric>> _compiled = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<StepMapper>> _mappers = new(StringComparer.Ordinal);
    private readonly Lazy<ProblemDetector> _detector;

    // Each problem's id as stemmed words ("event-recommendation" -> event, recommend), for titles that name one.
    private readonly Lazy<List<(string Id, List<string> Words)>> _titleWords;

    public GradingEngine(RubricCatalog catalog, GradingOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        Catalog = catalog;
        Options = options ?? GradingOptions.Default;
        _detector = new(() => new ProblemDetector(catalog));
        _titleWords = new(() => [.. catalog.Problems.Where(p => p.Id != RubricCatalog.BaseId)
            .Select(p => (p.Id, Words: p.Id.Split('-').Select(w => string.Join(' ', Text.Stemmer.StemAll(w))).Where(w => w.Length > 0).ToList()))
            .Where(p => p.Words.Count > 0)]);
    }

    public RubricCatalog Catalog { get; }

    public GradingOptions Options { get; }

    /// <summary>
    /// Grades one answer. <paramref name="cancellationToken"/> is checked between stages and analyzers, so an answer
    /// abandoned for running over its time budget stops using the CPU soon after (every stage is linear in the text).
    /// </summary>
    public GradeResult Grade(string path, string text, string? problem = null, GraderConfig? config = null, CancellationToken cancellationToken = default)
    {
        config ??= GraderConfig.Default;
        var document = MarkdownParser.Parse(path, text);
        cancellationToken.ThrowIfCancellationRequested();
        var extra = new List<Diagnostic>();
        foreach (var issue in document.Issues)
        {
            var descriptor = issue.Code switch
            {
                "nesting" or "encoding" => EngineDescriptors.InputFlattened,
                "limit" => EngineDescriptors.InputLimitExceeded,
                _ => EngineDescriptors.FrontMatterInvalid,
            };
            extra.Add(new Diagnostic(descriptor, Severity.Warning, issue.Span, descriptor.Format(issue.Message)));
        }

        // The rubric named up front is compiled before detection: when WarmUp is building the detector on another core,
        // the two overlap (most of a single answer's run).
        if (Named(document, problem, config.Problem) is { } named)
        {
            _ = Mapper(named);
        }

        var facts = new DocumentFacts(document);
        var detection = _detector.Value.Detect(document, facts.Stems, u => !facts.IsExcluded(u.Index));
        var resolution = Resolve(document, problem, config.Problem, detection, extra);
        cancellationToken.ThrowIfCancellationRequested();
        var context = Context(facts, resolution.Id);
        foreach (var diagnostic in extra)
        {
            context.Add(diagnostic);
        }

        foreach (var analyzer in AnalyzerRegistry.Analyzers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                analyzer.Analyze(context);
            }
#pragma warning disable CA1031 // An analyzer bug must cost one finding, not the whole report (Roslyn does the same).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                context.Report(EngineDescriptors.AnalyzerFailed, SourceSpan.None, null, analyzer.GetType().Name, ex.GetType().Name);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        // Scoring explains its losses with findings of its own; the engine gathers them after the analyzers'.
        var scored = Scorer.Score(context, config);
        var unread = Unread(document, config);
        List<Diagnostic> scoring = [.. scored.Findings];
        ScoreCard score;
        if (unread is null)
        {
            var relevant = Relevance.Apply(scored.Card, detection, resolution.Id, context.Rubric);
            score = relevant.Card;
            scoring.AddRange(relevant.Findings);
        }
        else
        {
            score = WithheldScore.Apply(scored.Card, unread, context);
        }

        cancellationToken.ThrowIfCancellationRequested();
        List<Diagnostic> sorted = [.. context.Diagnostics, .. scoring];
        if (unread is not null)
        {
            sorted.RemoveAll(d => !WithheldScore.StillApplies(d));
        }

        sorted.Sort(Diagnostic.Compare);

        // Policy last: inline suppressions mark findings, the configuration sets severities or turns rules off.
        var diagnostics = config.InlineSuppressions ? SuppressionApplier.Apply([.. sorted], SuppressionParser.Parse(document.Source)) : [.. sorted];
        diagnostics = [.. diagnostics
            .Select(d => (Diagnostic: d, Severity: config.SeverityOf(d)))
            .Where(x => x.Severity is not null)
            .Select(x => x.Diagnostic with { Severity = x.Severity!.Value })];
        if (config.SuppressionsRestorePoints)
        {
            score = SuppressionCredit.Apply(score, diagnostics);
            score = score.Withheld ? score : score with { Band = context.Rubric.BandFor(score.Total) };
        }

        return new GradeResult(path, document, resolution, context.Map, score, diagnostics);
    }

    /// <summary>
    /// Starts building the problem detector on the thread pool, so a run that grades soon after (one answer from the
    /// command line) finds it ready or nearly so instead of building it on the grading thread.
    /// </summary>
    public void WarmUp() => ThreadPool.QueueUserWorkItem(static detector => _ = detector.Value, _detector, preferLocal: false);

    // The problem a flag, the front matter or the configuration names, when the catalog knows it; detection decides otherwise.
    private string? Named(DesignDocument document, string? flag, string? configured)
    {
        foreach (var id in (ReadOnlySpan<string?>)[flag, document.FrontMatter.Problem, configured])
        {
            if (id is not null && id != RubricCatalog.BaseId && Catalog.TryGet(id, out _))
            {
                return id;
            }
        }

        return null;
    }

    public CompiledRubric Compile(string id) =>
        _compiled.GetOrAdd(id, key => new(() => Catalog.TryGet(key, out var rubric)
            ? new CompiledRubric(rubric, Options.PatternTimeout)
            : throw new ArgumentException($"No rubric '{key}'", nameof(id)))).Value;

    /// <summary>Maps a parsed answer onto the steps of a problem's rubric: what the analyzers and the scorer read.</summary>
    public AnalysisContext Context(DocumentFacts facts, string problem)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var concepts = new ConceptFacts(facts, Compile(problem));
        var map = Mapper(problem).Map(facts.Document, facts.Stems, facts.IsExcluded, facts.Quantities, concepts.Described);
        return new AnalysisContext(concepts, map);
    }

    /// <summary>The mapping stage for a problem's rubric, built once.</summary>
    public StepMapper Mapper(string id) => _mappers.GetOrAdd(id, key => new(() => new StepMapper(Compile(key)))).Value;

    private ProblemResolution Resolve(DesignDocument document, string? flag, string? configured, DetectionResult detection, List<Diagnostic> extra)
    {
        var detected = detection.Problem;
        double? confidence = detected is null ? null : Math.Round(detection.Confidence, 2);
        if (flag is not null)
        {
            return new ProblemResolution(flag, "flag", detected, confidence);
        }

        if (document.FrontMatter.Problem is { } declared)
        {
            if (Catalog.TryGet(declared, out _) && declared != RubricCatalog.BaseId)
            {
                return new ProblemResolution(declared, "front-matter", detected, confidence);
            }

            var span = document.FrontMatter.Span;
            extra.Add(new Diagnostic(EngineDescriptors.UnknownProblem, Severity.Warning, span,
                EngineDescriptors.UnknownProblem.Format(declared, string.Join(", ", Catalog.Problems.Select(p => p.Id)))));
        }

        if (configured is not null && Catalog.TryGet(configured, out _) && configured != RubricCatalog.BaseId)
        {
            return new ProblemResolution(configured, "config", detected, confidence);
        }

        // A title that names a problem ("# Event Recommendation") says what was asked more surely than vocabulary does.
        if (TitledProblem(document) is { } titled)
        {
            return new ProblemResolution(titled, "title", detected, confidence);
        }

        if (detected is not null && detection.Confidence < LowConfidence)
        {
            var next = detection.Matches.Where(m => m.Key != detected).OrderByDescending(m => m.Value).ThenBy(m => m.Key, StringComparer.Ordinal)
                .Select(m => m.Key).FirstOrDefault() ?? "none";
            var at = document.Sections.FirstOrDefault(s => !s.IsRoot)?.HeadingSpan ?? new SourceSpan(1, 1, 1, 1);
            extra.Add(new Diagnostic(EngineDescriptors.ProblemUncertain, Severity.Warning, at,
                EngineDescriptors.ProblemUncertain.Format(detected, confidence!.Value.ToString("0.00", CultureInfo.InvariantCulture), next)));
        }

        return detected is not null
            ? new ProblemResolution(detected, "detected", detected, confidence)
            : new ProblemResolution(RubricCatalog.BaseId, "default", null, null);
    }

    // The language of an answer the rubrics cannot read; null when they can, or when the group turned MLSD0013 off
    // (its rubrics may be written in the answers' language), which grades every answer as English.
    private static LanguageResult? Unread(DesignDocument document, GraderConfig config)
    {
        var probe = EngineDescriptors.LanguageNotRead;
        if (config.SeverityOf(new Diagnostic(probe, probe.DefaultSeverity, SourceSpan.None, "")) is null)
        {
            return null;
        }

        return LanguageDetector.DetectUnread(document);
    }

    /// <summary>Below this detection confidence, an answer that names no problem is told which one it was graded as.</summary>
    public const double LowConfidence = 0.5;

    // The problem whose id words all stand in the answer's first top-level heading; the one naming most words wins,
    // and a tie names none.
    private string? TitledProblem(DesignDocument document)
    {
        var title = document.Sections.FirstOrDefault(s => !s.IsRoot && s.Level == 1);
        if (title is null)
        {
            return null;
        }

        var words = Text.Stemmer.StemAll(title.Title).ToHashSet(StringComparer.Ordinal);
        var named = _titleWords.Value.Where(p => p.Words.All(words.Contains))
            .OrderByDescending(p => p.Words.Count)
            .ToList();
        return named.Count == 0 || (named.Count > 1 && named[0].Words.Count == named[1].Words.Count) ? null : named[0].Id;
    }
}
