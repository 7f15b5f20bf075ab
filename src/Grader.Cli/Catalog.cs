using Grader.Core.Diagnostics;
using Grader.Core.Rubrics;

namespace Grader.Cli;

/// <summary>Loads the rubric catalog once per command, reporting rubric errors the same way everywhere.</summary>
internal static class Catalog
{
    public static RubricCatalog? Load(TextWriter stderr, IEnumerable<string>? folders = null)
    {
        var (catalog, errors) = RubricCatalog.Load(DescriptorCatalog.Ids, folders);
        foreach (var error in errors)
        {
            stderr.WriteLine(error);
        }

        return errors.Length == 0 ? catalog : null;
    }
}
