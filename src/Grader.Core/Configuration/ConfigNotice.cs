namespace Grader.Core.Configuration;

/// <summary>A located warning about a config file: a key that was ignored, or a file that was not used.</summary>
public sealed record ConfigNotice(string File, int Line, int Column, string Code, string Message)
{
    public override string ToString() => $"{File}({Line},{Column}): warning {Code}: {Message}";
}
