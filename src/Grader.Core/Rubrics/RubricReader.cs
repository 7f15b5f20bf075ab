namespace Grader.Core.Rubrics;

/// <summary>YAML text to <see cref="RubricDto"/>, remembering where each object started.</summary>
internal static class RubricReader
{
    public static (RubricDto? Rubric, RubricError? Error) Read(string file, string yaml)
    {
        var (dto, error) = LocatedYaml.Read<RubricDto>(file, yaml, "rubric");
        if (error is not null)
        {
            return (null, error);
        }

        if (dto is null)
        {
            return (null, new RubricError(file, 1, 1, "rubric.empty", "The rubric is empty; start with 'id:', 'title:' and 'criteria:'"));
        }

        return (Stamp(dto, file), null);
    }

    /// <summary>Records the file a rubric and its criteria were read from (errors and provenance name it).</summary>
    public static RubricDto Stamp(RubricDto dto, string file)
    {
        dto.File = file;
        foreach (var criterion in dto.Criteria ?? [])
        {
            criterion.File = file;
        }

        return dto;
    }
}
