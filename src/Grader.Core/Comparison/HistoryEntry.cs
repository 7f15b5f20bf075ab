namespace Grader.Core.Comparison;

/// <summary>An answer's grade at one commit that touched it.</summary>
public sealed record HistoryEntry(string Commit, string Date, string Subject, GradeResult Result);
