using System.Text.RegularExpressions;
using Grader.Core.Diagnostics;
using Grader.Core.Rubrics;
using Grader.Tests.Support;

namespace Grader.Tests.Rubrics;

/// <summary>
/// Each file in Rubrics/Broken is wrong in one way and says on its first line which error it must produce:
/// <c># expect: CODE LINE</c>. Loaded beside the built-in base rubric, it yields exactly that one located error.
/// </summary>
public partial class BrokenRubricTests
{
    private static readonly string Folder = Path.Combine(TestGrader.RepoRoot, "tests", "Grader.Tests", "Rubrics", "Broken");

    public static TheoryData<string> Files() => [.. Directory.EnumerateFiles(Folder, "*.yaml").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(Files))]
    public void A_broken_rubric_yields_one_precise_located_error(string file)
    {
        var text = File.ReadAllText(Path.Combine(Folder, file));
        var expect = Expectation().Match(text);
        Assert.True(expect.Success, $"{file} lacks its '# expect: CODE LINE' header");
        var baseRubric = Grader.Cli.RubricsCommand.BuiltInSources().Single(s => s.File == "rubrics/base.yaml");
        var (_, errors) = RubricCatalog.Load([baseRubric, (file, text)], DescriptorCatalog.Ids);
        var error = Assert.Single(errors);
        Assert.Equal(file, error.File);
        Assert.Equal(expect.Groups[1].Value, error.Code);
        Assert.Equal(int.Parse(expect.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), error.Line);
        Assert.True(error.Column >= 1);
        Assert.True(error.Message.Length > 20, error.Message);
    }

    [GeneratedRegex(@"^# expect: (\S+) (\d+)")]
    private static partial Regex Expectation();
}
