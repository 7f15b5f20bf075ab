using Grader.Core;
using Grader.Core.Mapping;

namespace Grader.Tests.Support;

/// <summary>Generates perturbed answers by code: a step's sections cut out, or its body reduced to one line.</summary>
internal static class StepRemoval
{
    /// <summary>The answer without every section whose own heading names <paramref name="step"/>.</summary>
    public static string Remove(GradeResult graded, FrameworkStep step)
    {
        var lines = graded.Document.Source.Text.Split('\n').ToList();
        var doomed = new bool[lines.Count + 2];
        foreach (var (first, last) in Extents(graded, step))
        {
            for (var l = first; l <= last; l++)
            {
                doomed[l] = true;
            }
        }

        return string.Join('\n', lines.Where((_, i) => !doomed[i + 1]));
    }

    public static IEnumerable<(int First, int Last)> Extents(GradeResult graded, FrameworkStep step)
    {
        var document = graded.Document;
        var mapper = TestGrader.Engine.Mapper(graded.Problem.Id);
        var sections = document.Sections.Where(s => !s.IsRoot).ToList();
        for (var i = 0; i < sections.Count; i++)
        {
            var section = sections[i];
            if (!mapper.StepsOfTitle(section.Title).Has(step))
            {
                continue;
            }

            var next = sections.Skip(i + 1).FirstOrDefault(s => s.Level <= section.Level);
            var last = next is null ? document.Source.LineCount : next.HeadingSpan.Line - 1;
            yield return (section.HeadingSpan.Line, last);
        }
    }
}
