namespace Grader.Core.Parsing;

/// <summary>A 1-based, inclusive range in the source. <see cref="None"/> (line 0) means "no location".</summary>
public readonly record struct SourceSpan(int Line, int Column, int EndLine, int EndColumn)
{
    public static SourceSpan None => default;

    public bool IsNone => Line == 0;

    public bool Contains(SourceSpan other) =>
        !IsNone && !other.IsNone
        && (other.Line > Line || (other.Line == Line && other.Column >= Column))
        && (other.EndLine < EndLine || (other.EndLine == EndLine && other.EndColumn <= EndColumn));

    public override string ToString() => IsNone ? "(none)" : $"({Line},{Column})-({EndLine},{EndColumn})";
}
