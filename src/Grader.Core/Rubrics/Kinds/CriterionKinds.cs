namespace Grader.Core.Rubrics.Kinds;

/// <summary>
/// The one list of criterion kinds. The validator, the catalog, the scorer, <c>grader rubrics show</c> and the schema
/// agreement test all read it; a new kind is its own file plus a line here (and its keys in rubric.schema.json).
/// </summary>
public static class CriterionKinds
{
    /// <summary>Every kind, in the order error messages and the JSON Schema list them.</summary>
    public static IReadOnlyList<CriterionKind> All { get; } =
    [
        new ConceptsKind(),
        new QuantitiesKind(),
        new SubstanceKind(),
        new AnalyzerKind(),
        new DiagramKind(),
        new MetricPairingKind(),
        new OrderKind(),
        new PenaltyKind(),
        new RegexKind(),
        new MistakeKind(),
    ];

    private static readonly Dictionary<string, CriterionKind> ByName = All.ToDictionary(k => k.Name, StringComparer.Ordinal);

    private static readonly Dictionary<Type, CriterionKind> ByType = All.ToDictionary(k => k.CriterionType);

    /// <summary>Every kind's keys, each once, in list order; the first of them set on a criterion of another kind is reported.</summary>
    internal static IReadOnlyList<KindKey> AllKeys { get; } = [.. All.SelectMany(k => k.KeyReaders).DistinctBy(k => k.Name, StringComparer.Ordinal)];

    /// <summary>The kind a YAML <c>kind:</c> names, or null.</summary>
    public static CriterionKind? Find(string? name) => name is not null && ByName.TryGetValue(name, out var kind) ? kind : null;

    /// <summary>True when <paramref name="criterion"/> only takes points away (see <see cref="CriterionKind.Deducts"/>).</summary>
    public static bool Deducts(this Criterion criterion) => For(criterion).Deducts;

    /// <summary>What an answer should cover for <paramref name="criterion"/>: the rubric's <c>guidance:</c>, else the kind's outline of its data.</summary>
    public static string Cover(this Criterion criterion) =>
        For(criterion) is var kind && criterion.Guidance is { Length: > 0 } guidance ? guidance : kind.Outline(criterion);

    /// <summary>The kind that built <paramref name="criterion"/>.</summary>
    public static CriterionKind For(Criterion criterion)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        return ByType.TryGetValue(criterion.GetType(), out var kind)
            ? kind
            : throw new InvalidOperationException($"{criterion.GetType().Name} is not in CriterionKinds.All");
    }
}
