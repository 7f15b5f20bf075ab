using System.Text.RegularExpressions;
using Grader.Core.Diagnostics;
using Grader.Tests.Support;

namespace Grader.Tests.Diagnostics;

/// <summary>
/// The rule documentation says what the descriptors say: every descriptor has a page (docs/rules/ID.md) whose heading,
/// category and severity are its own and a row in the index (docs/rules/README.md) with the same title, category and
/// severity; no page or row names a rule that does not exist. A rule row in the repository README is held to the same.
/// </summary>
public partial class RuleDocsTests
{
    private static readonly string Folder = Path.Combine(TestGrader.RepoRoot, "docs", "rules");

    public static TheoryData<string> Ids() => [.. DescriptorCatalog.All.Select(d => d.Id)];

    [Theory]
    [MemberData(nameof(Ids))]
    public void The_page_heads_with_the_descriptors_title_category_and_severity(string id)
    {
        var descriptor = DescriptorCatalog.Find(id)!;
        var page = Path.Combine(Folder, $"{id}.md");
        Assert.True(File.Exists(page), $"{id} has no page docs/rules/{id}.md");
        var lines = File.ReadAllLines(page);
        Assert.Equal($"# {id}: {descriptor.Title}", lines[0]);
        Assert.Contains($"**Category:** `{descriptor.Category}`", lines);
        Assert.Contains($"**Default severity:** `{descriptor.DefaultSeverity}`", lines);
    }

    [Fact]
    public void The_index_has_one_row_per_descriptor_with_its_title_category_and_severity()
    {
        var rows = IndexRow().Matches(TestGrader.ReadRepoFile("docs/rules/README.md")).Select(m => m.Groups).ToList();
        Assert.Equal(rows.Select(r => r["id"].Value), DescriptorCatalog.All.Select(d => d.Id));
        foreach (var row in rows)
        {
            var descriptor = DescriptorCatalog.Find(row["id"].Value)!;
            Assert.Equal(row["id"].Value, row["link"].Value);
            Assert.Equal((descriptor.Title, descriptor.Category, descriptor.DefaultSeverity.ToString()),
                (row["title"].Value, row["category"].Value, row["severity"].Value));
        }
    }

    [Fact]
    public void No_page_names_a_rule_that_does_not_exist()
    {
        var pages = Directory.EnumerateFiles(Folder, "*.md").Select(Path.GetFileNameWithoutExtension)
            .Where(n => n is not "README" and not "AnalyzerReleases");
        Assert.All(pages, p => Assert.True(DescriptorCatalog.Ids.Contains(p!), $"docs/rules/{p}.md has no descriptor"));
    }

    [Fact]
    public void A_rule_row_in_the_readme_agrees_with_its_descriptor()
    {
        // Any table row that starts with a rule id: README lists rules only through the index today, and a row added
        // later is held to the descriptor the same way.
        foreach (Match row in ReadmeRow().Matches(TestGrader.ReadRepoFile("README.md")))
        {
            var descriptor = DescriptorCatalog.Find(row.Groups["id"].Value);
            Assert.True(descriptor is not null, $"README names {row.Groups["id"].Value}, which is no rule");
            var cells = row.Groups["rest"].Value.Split('|').Select(c => c.Trim()).ToList();
            Assert.Contains(descriptor.Title, cells);
            Assert.Contains(descriptor.DefaultSeverity.ToString(), cells, StringComparer.OrdinalIgnoreCase);
        }

        Assert.Contains("docs/rules/README.md", TestGrader.ReadRepoFile("README.md"), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\| \[(?<id>MLSD\d{4})\]\((?<link>MLSD\d{4})\.md\) \| (?<title>[^|]+?) \| (?<category>[a-z]+) \| (?<severity>[A-Za-z]+) \|$", RegexOptions.Multiline)]
    private static partial Regex IndexRow();

    [GeneratedRegex(@"^\|\s*\[?`?(?<id>MLSD\d{4})`?\]?(\([^)]*\))?\s*\|(?<rest>.*)$", RegexOptions.Multiline)]
    private static partial Regex ReadmeRow();
}
