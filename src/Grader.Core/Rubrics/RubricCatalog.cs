using System.Collections.Immutable;
using Grader.Core.Mapping;
using Grader.Core.Rubrics.Kinds;

namespace Grader.Core.Rubrics;

/// <summary>Every rubric Grader knows: the built-in ones and those in extra folders, inheritance resolved.</summary>
public sealed class RubricCatalog
{
    public const string BaseId = "base";

    private readonly ImmutableSortedDictionary<string, Rubric> _rubrics;
    private readonly ImmutableSortedDictionary<string, ImmutableArray<RubricFile>> _files;

    private RubricCatalog(ImmutableSortedDictionary<string, Rubric> rubrics, ImmutableSortedDictionary<string, ImmutableArray<RubricFile>> files)
    {
        _rubrics = rubrics;
        _files = files;
    }

    /// <summary>The files a rubric was built from, its own and those it extends (root first), with their hashes.</summary>
    public ImmutableArray<RubricFile> FilesOf(string id) => _files.TryGetValue(id, out var files) ? files : [];

    /// <summary>Problem rubrics (everything but <c>base</c>), ordered by id.</summary>
    public IEnumerable<Rubric> Problems => _rubrics.Values.Where(r => r.Id != BaseId);

    public Rubric Base => _rubrics[BaseId];

    public bool TryGet(string id, out Rubric rubric) => _rubrics.TryGetValue(id, out rubric!);

    /// <summary>
    /// Loads the built-in rubrics, then those in <paramref name="folders"/> (a later file with the same id wins), except
    /// the files <paramref name="skip"/> names (config files kept beside the rubrics).
    /// </summary>
    public static (RubricCatalog Catalog, ImmutableArray<RubricError> Errors) Load(IReadOnlySet<string> knownRules, IEnumerable<string>? folders = null, Func<string, bool>? skip = null)
    {
        // Built-in rubrics were compiled from their YAML at build time and ship validated (the test suite and 'grader
        // rubrics validate' check them), so a normal run neither reads their YAML nor runs FluentValidation on them:
        // both cost tens of milliseconds of start-up. Merge checks still run for every rubric.
        var read = new List<(RubricDto Dto, RubricFile File)>();
        foreach (var builtIn in BuiltInRubrics.All())
        {
            read.Add((RubricReader.Stamp(builtIn.Read(), builtIn.File), new RubricFile(builtIn.File, builtIn.Sha256, true)));
        }

        var sources = new List<(string File, string Text)>();
        foreach (var folder in folders ?? [])
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.yaml").Where(f => skip?.Invoke(f) != true).Order(StringComparer.Ordinal))
            {
                sources.Add((file, File.ReadAllText(file)));
            }
        }

        var errors = new List<RubricError>();
        read.AddRange(Read(sources, knownRules, errors));
        return Build(read, errors);
    }

    /// <summary>Every source is read from YAML and validated in full (what <c>grader rubrics validate</c> and the tests use).</summary>
    public static (RubricCatalog Catalog, ImmutableArray<RubricError> Errors) Load(IEnumerable<(string File, string Text)> sources, IReadOnlySet<string> knownRules)
    {
        var errors = new List<RubricError>();
        return Build(Read(sources, knownRules, errors), errors);
    }

    private static List<(RubricDto Dto, RubricFile File)> Read(IEnumerable<(string File, string Text)> sources, IReadOnlySet<string> knownRules, List<RubricError> errors)
    {
        var read = new List<(RubricDto, RubricFile)>();
        var validator = new Lazy<RubricValidator>(() => new RubricValidator(knownRules));
        foreach (var (file, text) in sources)
        {
            var (dto, error) = RubricReader.Read(file, text);
            if (error is not null)
            {
                errors.Add(error);
                continue;
            }

            var result = validator.Value.Validate(dto!);
            if (!result.IsValid)
            {
                errors.AddRange(result.Errors.Select(e => Locate(dto!, e)));
                continue;
            }

            read.Add((dto!, new RubricFile(file, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))), false)));
        }

        return read;
    }

    private static (RubricCatalog Catalog, ImmutableArray<RubricError> Errors) Build(List<(RubricDto Dto, RubricFile File)> read, List<RubricError> errors)
    {
        var dtos = new Dictionary<string, RubricDto>(StringComparer.Ordinal);
        var byFile = new Dictionary<string, RubricFile>(StringComparer.Ordinal);
        foreach (var (dto, file) in read)
        {
            dtos[dto.Id!] = dto;
            byFile[file.Path] = file;
        }

        // An inherited criterion is one DTO in every chain that extends its rubric: built once, its concepts parsed and
        // stemmed once, not once per problem (base's criteria were most of start-up's rubric work).
        var built = new Dictionary<CriterionDto, Criterion>(ReferenceEqualityComparer.Instance);
        var rubrics = ImmutableSortedDictionary.CreateBuilder<string, Rubric>(StringComparer.Ordinal);
        var files = ImmutableSortedDictionary.CreateBuilder<string, ImmutableArray<RubricFile>>(StringComparer.Ordinal);
        foreach (var id in dtos.Keys.Order(StringComparer.Ordinal))
        {
            var chain = Chain(id, dtos, errors);
            if (chain is null)
            {
                continue;
            }

            var rubric = Merge(chain, built, errors);
            if (rubric is not null)
            {
                rubrics[id] = rubric;
                files[id] = [.. chain.Select(c => byFile[c.File])];
            }
        }

        return (new RubricCatalog(rubrics.ToImmutable(), files.ToImmutable()), [.. errors]);
    }

    private static RubricError Locate(RubricDto dto, FluentValidation.Results.ValidationFailure failure)
    {
        // "Criteria[3].Points" -> the criterion's position; otherwise the rubric's.
        ILocated located = dto;
        var path = failure.PropertyName;
        if (path.StartsWith("Criteria[", StringComparison.Ordinal) && dto.Criteria is not null)
        {
            var index = int.Parse(path.AsSpan(9, path.IndexOf(']', StringComparison.Ordinal) - 9), System.Globalization.CultureInfo.InvariantCulture);
            located = dto.Criteria[index];
        }

        return new RubricError(dto.File, (int)Math.Max(1, located.Start.Line), (int)Math.Max(1, located.Start.Column), failure.ErrorCode, failure.ErrorMessage);
    }

    // The inheritance chain from the root ancestor down to id, or null on a missing parent or a cycle.
    private static List<RubricDto>? Chain(string id, Dictionary<string, RubricDto> dtos, List<RubricError> errors)
    {
        var chain = new List<RubricDto>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = dtos[id]; ; current = dtos[current.Extends])
        {
            if (!seen.Add(current.Id!))
            {
                errors.Add(new RubricError(dtos[id].File, (int)dtos[id].Start.Line, (int)dtos[id].Start.Column, "rubric.extends-cycle",
                    $"'extends' forms a cycle: {string.Join(" -> ", chain.Select(c => c.Id))} -> {current.Id}; one rubric in the chain must extend 'base' or nothing"));
                return null;
            }

            chain.Insert(0, current);
            if (current.Extends is null)
            {
                return chain;
            }

            if (!dtos.ContainsKey(current.Extends))
            {
                errors.Add(new RubricError(current.File, (int)current.Start.Line, (int)current.Start.Column, "rubric.extends-missing",
                    $"'extends: {current.Extends}' names no known rubric; known ids: {string.Join(", ", dtos.Keys.Order(StringComparer.Ordinal))}"));
                return null;
            }
        }
    }

    private static Rubric? Merge(List<RubricDto> chain, Dictionary<CriterionDto, Criterion> built, List<RubricError> errors)
    {
        var leaf = chain[^1];
        var titles = new Dictionary<FrameworkStep, string>();
        var weights = new Dictionary<FrameworkStep, double>();
        var headings = FrameworkSteps.All.ToDictionary(s => s, _ => new List<string>());
        var cues = FrameworkSteps.All.ToDictionary(s => s, _ => new List<string>());
        var bands = new List<Band>();
        var ignored = new List<string>();
        var criteria = new List<CriterionDto>();
        foreach (var dto in chain)
        {
            foreach (var (key, step) in dto.Steps ?? [])
            {
                var s = FrameworkSteps.Parse(key);
                if (step?.Title is not null)
                {
                    titles[s] = step.Title;
                }

                if (step?.Weight is not null)
                {
                    weights[s] = step.Weight.Value;
                }

                headings[s].AddRange(step?.Headings ?? []);
                cues[s].AddRange(step?.Cues ?? []);
            }

            if (dto.Bands is { Count: > 0 })
            {
                bands = [.. dto.Bands.Select(b => new Band(b.Name ?? "", b.Min ?? 0))];
            }

            ignored.AddRange(dto.IgnoredHeadings ?? []);
            foreach (var id in dto.Omit ?? [])
            {
                if (criteria.RemoveAll(c => c.Id == id) == 0)
                {
                    errors.Add(new RubricError(dto.File, (int)Math.Max(1, dto.Start.Line), (int)Math.Max(1, dto.Start.Column), "rubric.omit-unknown",
                        $"'omit' names '{id}', which no rubric this one extends defines"));
                    return null;
                }
            }

            foreach (var criterion in dto.Criteria ?? [])
            {
                criteria.RemoveAll(c => c.Id == criterion.Id);
                criteria.Add(criterion);
            }
        }

        var total = weights.Values.Sum();
        var missing = FrameworkSteps.All.Where(s => !weights.ContainsKey(s)).ToList();
        if (missing.Count > 0 || Math.Abs(total - 100) > 0.001)
        {
            errors.Add(new RubricError(leaf.File, (int)Math.Max(1, leaf.Start.Line), (int)Math.Max(1, leaf.Start.Column), "rubric.weights",
                missing.Count > 0
                    ? $"Steps without a weight: {string.Join(", ", missing.Select(s => s.ToId()))}; give every step a 'weight:'"
                    : $"Step weights add up to {total.ToString(System.Globalization.CultureInfo.InvariantCulture)}, not 100; adjust 'weight:' under 'steps:'"));
            return null;
        }

        foreach (var step in FrameworkSteps.All.Where(s => weights[s] > 0 && !criteria.Any(c => c.Step == s.ToId() && Kinds.CriterionKinds.Find(c.Kind)?.Deducts != true)))
        {
            errors.Add(new RubricError(leaf.File, (int)Math.Max(1, leaf.Start.Line), (int)Math.Max(1, leaf.Start.Column), "rubric.unreachable-step",
                $"Step '{step.ToId()}' has weight {weights[step].ToString(System.Globalization.CultureInfo.InvariantCulture)} but no criteria, so its points cannot be earned"));
            return null;
        }

        if (bands.Count == 0)
        {
            bands.Add(new Band("graded", 0));
        }

        var steps = FrameworkSteps.All.Select(s => new StepDefinition(
            s,
            titles.GetValueOrDefault(s, s.ToId()),
            weights[s],
            [.. headings[s].Distinct(StringComparer.OrdinalIgnoreCase)],
            [.. cues[s].Distinct(StringComparer.OrdinalIgnoreCase)])).ToImmutableArray();

        return new Rubric(
            leaf.Id!,
            leaf.Title!,
            leaf.Version ?? 1,
            leaf.Prompt?.Trim(),
            steps,
            [.. bands.OrderByDescending(b => b.Min)],
            [.. criteria.Select(c => built.TryGetValue(c, out var criterion) ? criterion : built[c] = ToCriterion(c))],
            [.. ignored.Distinct(StringComparer.OrdinalIgnoreCase)]);
    }

    private static Criterion ToCriterion(CriterionDto c)
    {
        var step = FrameworkSteps.Parse(c.Step);
        var scope = step.ToSet();
        foreach (var s in c.In ?? [])
        {
            scope |= FrameworkSteps.Parse(s).ToSet();
        }

        var common = new CriterionCommon(c.Id!, step, c.Points!.Value, c.Message!, c.Help?.Trim(), scope, c.Rule,
            c.Partial == "all-or-nothing" ? PartialCredit.AllOrNothing : PartialCredit.Proportional);
        var kind = CriterionKinds.Find(c.Kind) ?? throw new InvalidOperationException($"Unvalidated criterion kind '{c.Kind}'");
        return kind.Build(c, common) with { Guidance = c.Guidance?.Trim() };
    }
}
