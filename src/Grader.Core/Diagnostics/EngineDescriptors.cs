using System.Collections.Immutable;

namespace Grader.Core.Diagnostics;

/// <summary>
/// What the engine reports itself rather than through an analyzer: the document, problem resolution, suppressions,
/// model feedback, and the scorer's explanations of points lost. Each analyzer keeps its own descriptors beside its logic.
/// </summary>
public static class EngineDescriptors
{
    public static DiagnosticDescriptor FrontMatterInvalid { get; } = new(
        DiagnosticIds.FrontMatterInvalid,
        "Front matter is not valid YAML",
        "{0}",
        Categories.Document,
        Severity.Warning,
        "The block between the opening and closing '---' lines must be a YAML mapping such as 'problem: news-feed'.");

    public static DiagnosticDescriptor AnalyzerFailed { get; } = new(
        DiagnosticIds.AnalyzerFailed,
        "An analyzer failed",
        "Analyzer '{0}' failed on this answer and was skipped ({1}); please report it",
        Categories.Document,
        Severity.Warning);

    public static DiagnosticDescriptor UnknownProblem { get; } = new(
        DiagnosticIds.UnknownProblem,
        "Unknown problem",
        "Front matter names problem '{0}', which no rubric defines; graded against the generic framework. Known problems: {1}",
        Categories.Document,
        Severity.Warning);

    public static DiagnosticDescriptor ProblemUncertain { get; } = new(
        DiagnosticIds.ProblemUncertain,
        "Problem detected with low confidence",
        "No problem is named, and the answer reads only somewhat like '{0}' (confidence {1}; next '{2}'); it is graded as '{0}'. Name the problem: 'problem: <id>' in front matter, or --problem",
        Categories.Document,
        Severity.Warning);

    public static DiagnosticDescriptor ProblemMismatch { get; } = new(
        DiagnosticIds.ProblemMismatch,
        "Answer reads like a different problem",
        "The answer reads like '{0}' (confidence {1}) but is graded as '{2}'; check the problem, or answer the question asked ({3} points lost)",
        Categories.Document,
        Severity.Warning);

    public static DiagnosticDescriptor NotAnMlDesign { get; } = new(
        DiagnosticIds.NotAnMlDesign,
        "Not an ML system design",
        "The answer has {0} of the {1} signals of an ML design (training, labels, features, loss, offline metrics, a model); it reads like a general software design ({2} points lost)",
        Categories.Document,
        Severity.Warning);

    public static DiagnosticDescriptor SuppressionWithoutReason { get; } = new(
        DiagnosticIds.SuppressionWithoutReason,
        "Suppression without a reason",
        "This suppression of {0} gives no reason; write it as <!-- grader-disable {0} -- why it does not apply -->",
        Categories.Document,
        Severity.Warning);

    public static DiagnosticDescriptor UnusedSuppression { get; } = new(
        DiagnosticIds.UnusedSuppression,
        "Suppression that suppresses nothing",
        "This suppression of {0} silences no finding; remove it",
        Categories.Document,
        Severity.Warning);

    public static DiagnosticDescriptor IntegritySuppressionRefused { get; } = new(
        DiagnosticIds.IntegritySuppressionRefused,
        "Integrity findings cannot be suppressed in the answer",
        "{0} cannot be suppressed from inside an answer; a study group can change its severity in its trusted config (--config)",
        Categories.Integrity,
        Severity.Warning);

    public static DiagnosticDescriptor LlmFeedbackUnavailable { get; } = new(
        DiagnosticIds.LlmFeedbackUnavailable,
        "Model feedback unavailable",
        "No model-written feedback for this answer: {0}. The deterministic grade is complete and unaffected",
        Categories.Llm,
        Severity.Warning);

    public static DiagnosticDescriptor InputFlattened { get; } = new(
        DiagnosticIds.InputFlattened,
        "Input could not be read as normal Markdown",
        "{0}",
        Categories.Document,
        Severity.Warning,
        "Grader read part of the answer as plain text: it was nested too deeply or was not valid UTF-8. The grade covers what could be read.");

    public static DiagnosticDescriptor InputLimitExceeded { get; } = new(
        DiagnosticIds.InputLimitExceeded,
        "Answer exceeds a structural limit",
        "{0}",
        Categories.Document,
        Severity.Warning,
        "Front matter nested deeper than 32 levels, a table row of more than 200 cells, more than 500 link reference definitions, 100 underlined headings, or 20,000 sentences, list items, table rows and headings: what lies past the limit is read as text or not at all, so no answer can make grading slow.");

    public static DiagnosticDescriptor LanguageNotRead { get; } = new(
        DiagnosticIds.LanguageNotRead,
        "Answer is not in a language the rubrics read",
        "{0}% of the answer's prose is in {1}; the rubrics read English, so its content is not graded and the score is withheld (0 of {2} points, band '{3}'). Have it graded by a reader of the language, or write it in English",
        Categories.Document,
        Severity.Warning,
        "Rubric concepts, analyzers and problem detection match English words. Rather than reporting every step of an answer they cannot read as missing or thin, Grader says so once and grades nothing.");

    public static DiagnosticDescriptor PatternTimedOut { get; } = new(
        DiagnosticIds.PatternTimedOut,
        "Rubric pattern timed out",
        "The pattern of rubric criterion {0} ran longer than {1:0.#} s on this answer and was abandoned; the criterion earns nothing here. Simplify the pattern",
        Categories.Rubric,
        Severity.Warning);

    public static DiagnosticDescriptor ScatteredJargon { get; } = new(
        DiagnosticIds.ScatteredJargon,
        "Technical terms do not fit the steps they stand in",
        "Only {0}% of the technical terms stand under a step they belong to; the text strings jargon together rather than designing each step ({1} points lost)",
        Categories.Integrity,
        Severity.Warning);

    public static DiagnosticDescriptor CriterionNotMet { get; } = new(
        DiagnosticIds.CriterionNotMet,
        "Rubric criterion not met",
        "{0} ({1} of {2} points lost; criterion {3})",
        Categories.Rubric,
        Severity.Warning);

    public static DiagnosticDescriptor PatternPenalised { get; } = new(
        DiagnosticIds.PatternPenalised,
        "Penalised pattern",
        "{0} [{1}] ({2} points deducted; criterion {3})",
        Categories.Rubric,
        Severity.Warning);

    public static DiagnosticDescriptor DesignError { get; } = new(
        DiagnosticIds.DesignError,
        "Design error",
        "{0} [{1}] ({2} points deducted; criterion {3})",
        Categories.Correctness,
        Severity.Warning);

    /// <summary>Every descriptor above.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } =
        [FrontMatterInvalid, AnalyzerFailed, UnknownProblem, ProblemUncertain, ProblemMismatch, NotAnMlDesign, SuppressionWithoutReason, UnusedSuppression, LlmFeedbackUnavailable, InputFlattened, InputLimitExceeded, LanguageNotRead, PatternTimedOut, IntegritySuppressionRefused, ScatteredJargon, CriterionNotMet, PatternPenalised, DesignError];
}
