using System.Collections.Immutable;
using Grader.Core.Parsing;

namespace Grader.Core.Suppressions;

public enum SuppressionKind
{
    /// <summary><c>&lt;!-- grader-disable ID -- reason --&gt;</c>: from here to a matching enable, or the end.</summary>
    Disable,

    /// <summary><c>&lt;!-- grader-enable ID --&gt;</c>: ends a disable.</summary>
    Enable,

    /// <summary><c>&lt;!-- grader-disable-next-line ID -- reason --&gt;</c>: the next non-blank line.</summary>
    DisableNextLine,

    /// <summary><c>&lt;!-- grader-disable-file ID -- reason --&gt;</c>: the whole answer, findings without a location too.</summary>
    DisableFile,
}

/// <summary>
/// One suppression comment. <see cref="Ids"/> are rule ids (MLSD0201) or rubric criterion ids (news-feed.ann);
/// <see cref="FirstLine"/>..<see cref="LastLine"/> is the range it silences (0 for the whole file).
/// </summary>
public sealed record SuppressionComment(
    SuppressionKind Kind,
    ImmutableArray<string> Ids,
    string? Reason,
    SourceSpan Span,
    int FirstLine,
    int LastLine);
