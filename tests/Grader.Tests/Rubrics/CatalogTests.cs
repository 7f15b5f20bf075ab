using Grader.Core.Analysis;
using Grader.Core.Diagnostics;
using Grader.Core.Rubrics;
using Grader.Tests.Support;

namespace Grader.Tests.Rubrics;

public class CatalogTests
{
    [Fact]
    public void Every_analyzer_type_is_registered_once()
    {
        var types = typeof(IDocumentAnalyzer).Assembly.GetTypes()
            .Where(t => typeof(IDocumentAnalyzer).IsAssignableFrom(t) && !t.IsAbstract).OrderBy(t => t.Name).ToList();
        Assert.Equal(types, AnalyzerRegistry.Analyzers.Select(a => a.GetType()).OrderBy(t => t.Name));
    }

    [Fact]
    public void Every_rule_id_is_unique_well_formed_documented_and_tracked()
    {
        var ids = DescriptorCatalog.All.Select(d => d.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var releases = TestGrader.ReadRepoFile("docs/rules/AnalyzerReleases.md");
        foreach (var descriptor in DescriptorCatalog.All)
        {
            Assert.Matches("^MLSD[0-9]{4}$", descriptor.Id);
            Assert.True(File.Exists(Path.Combine(TestGrader.RepoRoot, descriptor.HelpUri)), $"{descriptor.HelpUri} is missing");
            Assert.Contains(descriptor.Id, releases, StringComparison.Ordinal);
        }

        var constants = typeof(Grader.Core.Diagnostics.DiagnosticIds).GetFields().Select(f => (string)f.GetValue(null)!).Order().ToList();
        Assert.Equal(constants, ids.Order());
    }

    [Fact]
    public void Bundled_rubrics_load_without_errors()
    {
        var (catalog, errors) = RubricCatalog.Load(DescriptorCatalog.Ids);
        Assert.Empty(errors);
        Assert.Contains(catalog.Problems, r => r.Id == "video-recommendation");
        Assert.Equal(100, catalog.Base.MaxScore);
    }

    [Fact]
    public void Extends_cycles_are_reported_not_followed()
    {
        var (_, errors) = RubricCatalog.Load([("a.yaml", "id: a\ntitle: A\nextends: b\n"), ("b.yaml", "id: b\ntitle: B\nextends: a\n")], DescriptorCatalog.Ids);
        Assert.Contains(errors, e => e.Code == "rubric.extends-cycle");
    }
}
