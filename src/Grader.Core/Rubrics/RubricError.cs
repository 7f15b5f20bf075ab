namespace Grader.Core.Rubrics;

/// <summary>A problem in a rubric file, located and with a stable code, e.g. <c>rubric.unknown-key</c>.</summary>
public sealed record RubricError(string File, int Line, int Column, string Code, string Message)
{
    public override string ToString() => $"{File}({Line},{Column}): error {Code}: {Message}";
}
