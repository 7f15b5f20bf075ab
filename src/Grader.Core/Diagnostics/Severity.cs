namespace Grader.Core.Diagnostics;

public enum Severity
{
    Info,
    Warning,
    Error,
}

public static class SeverityNames
{
    public static string ToId(this Severity severity) => severity switch
    {
        Severity.Info => "info",
        Severity.Warning => "warning",
        Severity.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(severity)),
    };
}
