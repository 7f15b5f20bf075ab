namespace Grader.Core.Rubrics;

/// <summary>A rubric file as loaded: its path (a built-in one is named 'rubrics/ID.yaml'), SHA-256 of its text, and whether it ships with Grader.</summary>
public sealed record RubricFile(string Path, string Sha256, bool BuiltIn);
