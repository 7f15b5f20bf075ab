namespace Grader.Core.Diagnostics;

/// <summary>
/// Every rule id Grader has ever shipped. Sequential within a block, never reused: a retired id stays here as a
/// comment. Each id has docs/rules/ID.md and a line in docs/rules/AnalyzerReleases.md.
/// </summary>
public static class DiagnosticIds
{
    // 00xx: the document and the engine
    public const string FrontMatterInvalid = "MLSD0001";
    public const string AnalyzerFailed = "MLSD0002";
    public const string UnknownProblem = "MLSD0003";
    public const string ProblemMismatch = "MLSD0004";
    public const string NotAnMlDesign = "MLSD0005";
    public const string SuppressionWithoutReason = "MLSD0006";
    public const string UnusedSuppression = "MLSD0007";
    public const string LlmFeedbackUnavailable = "MLSD0008";
    public const string InputFlattened = "MLSD0009";
    public const string PatternTimedOut = "MLSD0010";
    public const string ProblemUncertain = "MLSD0011";
    public const string InputLimitExceeded = "MLSD0012";
    public const string LanguageNotRead = "MLSD0013";

    // 01xx: structure
    public const string StepMissing = "MLSD0101";
    public const string StepHollow = "MLSD0102";
    public const string StepsOutOfOrder = "MLSD0103";

    // 02xx: content
    public const string NoQuantifiedRequirements = "MLSD0201";
    public const string NoBaseline = "MLSD0202";
    public const string ModelWithoutReason = "MLSD0203";
    public const string NoTradeOffs = "MLSD0204";
    public const string OnlyOfflineMetrics = "MLSD0205";
    public const string OnlyOnlineMetrics = "MLSD0206";
    public const string NoRolloutPlan = "MLSD0207";
    public const string NoDriftOrRetraining = "MLSD0208";

    // 03xx: rubric criteria
    public const string CriterionNotMet = "MLSD0301";
    public const string PatternPenalised = "MLSD0302";

    // 04xx: correctness (design errors a rubric names)
    public const string DesignError = "MLSD0401";

    // 09xx: integrity
    public const string KeywordStuffing = "MLSD0901";
    public const string GraderDirectedText = "MLSD0902";
    public const string ScatteredJargon = "MLSD0903";
    public const string IntegritySuppressionRefused = "MLSD0904";
    public const string NoDecisions = "MLSD0905";
}

public static class Categories
{
    public const string Document = "document";
    public const string Structure = "structure";
    public const string Requirements = "requirements";
    public const string Model = "model";
    public const string Evaluation = "evaluation";
    public const string Serving = "serving";
    public const string Monitoring = "monitoring";
    public const string Reasoning = "reasoning";
    public const string Rubric = "rubric";
    public const string Correctness = "correctness";
    public const string Integrity = "integrity";
    public const string Llm = "llm";
}
