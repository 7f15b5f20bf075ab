namespace Grader.Core.Reporting;

/// <summary>An input that could not be graded at all (missing, unreadable, not text), reported beside the others.</summary>
public sealed record ReadError(string Path, string Message);
