namespace Grader.Cli;

/// <summary>Documented in README: scripts and CI depend on these.</summary>
internal static class ExitCodes
{
    public const int Graded = 0;
    public const int Failed = 1;
    public const int BadInput = 2;
    public const int InternalError = 3;
}
