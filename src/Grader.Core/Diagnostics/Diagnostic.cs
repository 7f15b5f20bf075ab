using Grader.Core.Mapping;
using Grader.Core.Parsing;

namespace Grader.Core.Diagnostics;

/// <summary>How a finding was silenced: by an inline comment in the answer, with the author's reason.</summary>
public sealed record Suppression(string Kind, string? Reason, SourceSpan CommentSpan);

/// <summary>
/// One finding. <see cref="Span"/> is <see cref="SourceSpan.None"/> when the finding is an absence ("not found").
/// A suppressed finding stays in machine-readable reports, marked, and never fails a run. <see cref="BaselineState"/>
/// is "new" when a run was compared with a baseline (findings already in the baseline are not reported).
/// </summary>
public sealed record Diagnostic(
    DiagnosticDescriptor Descriptor,
    Severity Severity,
    SourceSpan Span,
    string Message,
    FrameworkStep? Step = null,
    string? CriterionId = null,
    Suppression? Suppression = null,
    string? BaselineState = null)
{
    public string Id => Descriptor.Id;

    public bool IsSuppressed => Suppression is not null;

    /// <summary>Document order, then id and message, so output is the same whatever order analyzers ran in.</summary>
    public static int Compare(Diagnostic a, Diagnostic b)
    {
        var byLine = (a.Span.Line == 0 ? int.MaxValue : a.Span.Line).CompareTo(b.Span.Line == 0 ? int.MaxValue : b.Span.Line);
        if (byLine != 0)
        {
            return byLine;
        }

        var byColumn = a.Span.Column.CompareTo(b.Span.Column);
        if (byColumn != 0)
        {
            return byColumn;
        }

        var byStep = (a.Step is null ? -1 : (int)a.Step).CompareTo(b.Step is null ? -1 : (int)b.Step);
        if (byStep != 0)
        {
            return byStep;
        }

        var byId = string.CompareOrdinal(a.Id, b.Id);
        return byId != 0 ? byId : string.CompareOrdinal(a.Message, b.Message);
    }
}
