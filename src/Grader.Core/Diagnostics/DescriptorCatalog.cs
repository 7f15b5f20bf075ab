using System.Collections.Immutable;
using Grader.Core.Analysis;

namespace Grader.Core.Diagnostics;

/// <summary>
/// Every rule Grader can report, in id order: the engine's own descriptors and those of every registered analyzer.
/// What configs, suppressions, SARIF rule metadata and <c>grader explain</c> look rules up in; a catalog test keeps
/// it in step with <see cref="DiagnosticIds"/> and the pages in docs/rules.
/// </summary>
public static class DescriptorCatalog
{
    public static ImmutableArray<DiagnosticDescriptor> All { get; } =
        [.. EngineDescriptors.All
            .Concat(AnalyzerRegistry.Analyzers.SelectMany(a => a.SupportedDiagnostics))
            .OrderBy(d => d.Id, StringComparer.Ordinal)];

    public static IReadOnlySet<string> Ids { get; } = All.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);

    public static DiagnosticDescriptor? Find(string id) => All.FirstOrDefault(d => d.Id == id);
}
