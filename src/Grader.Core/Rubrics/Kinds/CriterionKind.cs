using System.Collections.Immutable;
using FluentValidation;
using Grader.Core.Analysis;
using Grader.Core.Mapping;
using Grader.Core.Scoring;

namespace Grader.Core.Rubrics.Kinds;

/// <summary>
/// One kind of criterion, whole: the YAML keys it accepts beyond the common ones, their validation, how a validated
/// <see cref="CriterionDto"/> becomes its immutable record, how an answer is scored against it, and how
/// <c>grader rubrics show</c> and <c>grader explain</c> describe it. Every kind is listed once, in <see cref="CriterionKinds.All"/>.
/// </summary>
public abstract class CriterionKind
{
    // Only this assembly defines kinds: their members work on the internal YAML and scoring types.
    private protected CriterionKind(string name, Type criterionType, ImmutableArray<KindKey> keys)
    {
        Name = name;
        CriterionType = criterionType;
        KeyReaders = keys;
        Keys = [.. keys.Select(k => k.Name)];
    }

    /// <summary>What <c>kind:</c> says in YAML, e.g. "concepts".</summary>
    public string Name { get; }

    /// <summary>The YAML keys the kind accepts beyond the common ones (id, step, kind, points, message, help, in, rule, partial).</summary>
    public ImmutableArray<string> Keys { get; }

    /// <summary>The record <see cref="Build"/> returns.</summary>
    internal Type CriterionType { get; }

    internal ImmutableArray<KindKey> KeyReaders { get; }

    /// <summary>
    /// True for kinds that only take points away (penalty, mistake): they add nothing to what a step makes available
    /// and cost their points when triggered.
    /// </summary>
    public bool Deducts => Deduction is not null;

    /// <summary>For a deducting kind, the finding that reports a deduction.</summary>
    internal virtual Diagnostics.DiagnosticDescriptor? Deduction => null;

    /// <summary>Steps besides its own where a triggered deduction also costs (a design error that shapes them).</summary>
    internal virtual StepSet Drives(Criterion criterion) => StepSet.None;

    /// <summary>A few words for the kind column of <c>grader rubrics show</c>, e.g. "concepts 3/8".</summary>
    public abstract string Describe(Criterion criterion);

    /// <summary>Lines <c>grader explain</c> adds after a criterion's message and help.</summary>
    public abstract IEnumerable<string> Explain(Criterion criterion);

    /// <summary>
    /// What an answer should cover to meet the criterion, derived from the kind's data (its concepts, quantities,
    /// minimum prose...): what <c>grader init</c> writes for a criterion whose rubric gives no <c>guidance:</c>.
    /// </summary>
    public abstract string Outline(Criterion criterion);

    /// <summary>Rules for this kind's keys; they run only on criteria of this kind, after the common rules.</summary>
    internal virtual void AddRules(AbstractValidator<CriterionDto> rules)
    {
    }

    /// <summary>A validated criterion of this kind to its record; <paramref name="common"/> holds the keys every kind has.</summary>
    internal abstract Criterion Build(CriterionDto dto, CriterionCommon common);

    /// <summary>Scores the answer against a criterion of this kind. Stateless: one instance serves every thread.</summary>
    internal abstract Evaluation Evaluate(Criterion criterion, AnalysisContext context, EvidenceIndex evidence);

    /// <summary>The concept groups the criterion looks for (matched once per rubric; see <see cref="CompiledRubric"/>).</summary>
    internal abstract ImmutableArray<ImmutableArray<Concept>> ConceptGroups(Criterion criterion);

    /// <summary>The regular expression the criterion matches, if any (compiled once per engine; see <see cref="CompiledRubric"/>).</summary>
    internal abstract string? Pattern(Criterion criterion);

    private protected static KindKey Key(string name, Func<CriterionDto, object?> value) => new(name, value);

    // YAML synonym lists to concepts, each named by its first term.
    private protected static ImmutableArray<Concept> Concepts(List<List<string>>? groups) => [.. (groups ?? []).Select(g => new Concept(g[0], [.. g]))];
}

/// <summary>A kind's members typed to its record, so each kind is written without casts.</summary>
internal abstract class CriterionKind<T>(string name, ImmutableArray<KindKey> keys) : CriterionKind(name, typeof(T), keys)
    where T : Criterion
{
    public sealed override string Describe(Criterion criterion) => Describe((T)criterion);

    public sealed override IEnumerable<string> Explain(Criterion criterion) => Explain((T)criterion);

    public sealed override string Outline(Criterion criterion) => Outline((T)criterion);

    internal sealed override Evaluation Evaluate(Criterion criterion, AnalysisContext context, EvidenceIndex evidence) =>
        Evaluate((T)criterion, context, evidence);

    internal sealed override ImmutableArray<ImmutableArray<Concept>> ConceptGroups(Criterion criterion) => ConceptGroups((T)criterion);

    internal sealed override string? Pattern(Criterion criterion) => Pattern((T)criterion);

    protected virtual string Describe(T criterion) => Name;

    protected virtual IEnumerable<string> Explain(T criterion) => [];

    // A kind with nothing to enumerate falls back on the rubric's own advice; deducting kinds are never outlined.
    protected virtual string Outline(T criterion) => criterion.Help ?? criterion.Message;

    // "a, b and c" (or "a, b or c") for an outline, at most eight names.
    private protected static string Names(IEnumerable<string> names, string conjunction = "and")
    {
        var list = names.Take(9).ToList();
        if (list.Count > 8)
        {
            return $"{string.Join(", ", list.Take(8))}, ...";
        }

        return list.Count < 2 ? string.Concat(list) : $"{string.Join(", ", list.SkipLast(1))} {conjunction} {list[^1]}";
    }

    // A concept's display name: its first plain term (a description such as "share + shown" reads badly alone).
    private protected static string DisplayName(Concept concept) => concept.Phrases.FirstOrDefault() ?? concept.Name;

    // "one of", "each of" or "at least N of", for criteria that credit a number of things found.
    private protected static string HowMany(int atLeast, int count) =>
        atLeast >= count ? (count == 1 ? "" : "each of: ") : atLeast == 1 ? "at least one of: " : $"at least {atLeast} of: ";

    protected abstract Evaluation Evaluate(T criterion, AnalysisContext context, EvidenceIndex evidence);

    protected virtual ImmutableArray<ImmutableArray<Concept>> ConceptGroups(T criterion) => [];

    protected virtual string? Pattern(T criterion) => null;
}

/// <summary>A key a kind accepts, and how to read it (null when the YAML does not set it).</summary>
internal sealed record KindKey(string Name, Func<CriterionDto, object?> Value);

/// <summary>What every criterion has, whatever its kind: the arguments <see cref="Criterion"/> takes.</summary>
internal readonly record struct CriterionCommon(
    string Id, FrameworkStep Step, double Points, string Message, string? Help, StepSet Scope, string? ExplainedBy, PartialCredit Partial);
