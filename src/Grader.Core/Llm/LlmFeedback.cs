using System.Collections.Immutable;

namespace Grader.Core.Llm;

/// <summary>The model's view of one area: a rating from 1 to 5, strengths, gaps, and the answer lines it refers to.</summary>
public sealed record FeedbackArea(string Area, int Rating, ImmutableArray<string> Strengths, ImmutableArray<string> Gaps, ImmutableArray<int> Lines);

/// <summary>
/// Advisory, model-written feedback on one answer. It never changes the deterministic score. Token counts are what
/// the provider reported for the call that produced it (a cached result keeps the original counts).
/// </summary>
public sealed record LlmFeedback(
    string Provider,
    string Model,
    ImmutableArray<FeedbackArea> Areas,
    long? InputTokens,
    long? OutputTokens,
    bool FromCache);
