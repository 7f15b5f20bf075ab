using System.Globalization;

namespace Grader.Core.Diagnostics;

/// <summary>What a rule reports, Roslyn-style. The help link is derived from the id, never typed.</summary>
public sealed record DiagnosticDescriptor(
    string Id,
    string Title,
    string MessageFormat,
    string Category,
    Severity DefaultSeverity,
    string? Description = null)
{
    public const string HelpBase = "docs/rules/";

    public string HelpUri => $"{HelpBase}{Id}.md";

    public string Format(params object?[] args) =>
        args.Length == 0 ? MessageFormat : string.Format(CultureInfo.InvariantCulture, MessageFormat, args);
}
