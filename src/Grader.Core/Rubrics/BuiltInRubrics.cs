using System.Collections.Immutable;

namespace Grader.Core.Rubrics;

/// <summary>A built-in rubric compiled at build time: its name ('rubrics/ID.yaml'), the SHA-256 of its YAML text, and its DTO.</summary>
internal sealed record BuiltInRubric(string File, string Sha256, Func<RubricDto> Read);

/// <summary>
/// The rubrics in <c>rubrics/*.yaml</c>, compiled into code by Grader.Generators so a run reads no YAML for them. A file
/// the generator cannot read as Grader's YAML reader would is a build error at its line; the YAML still ships (as a
/// resource) for <c>grader rubrics validate</c>, and a test checks that both readings give the same DTOs.
/// </summary>
internal static partial class BuiltInRubrics
{
    /// <summary>Every built-in rubric, ordered by file name.</summary>
    internal static partial ImmutableArray<BuiltInRubric> All();
}
