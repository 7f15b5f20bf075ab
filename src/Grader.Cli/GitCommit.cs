namespace Grader.Cli;

/// <summary>
/// One commit that touched an answer, as <c>git log --follow</c> reports it: full and short id, author date, subject,
/// the answer's path at that commit (it may have been renamed since) and whether the commit deleted it.
/// </summary>
internal sealed record GitCommit(string Id, string ShortId, string Date, string Subject, string PathAtCommit, bool Deleted);
