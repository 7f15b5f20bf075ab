using Grader.Core.Diagnostics;
using System.CommandLine;
using System.Globalization;
using Grader.Core.Mapping;
using Grader.Core.Reporting;
using Grader.Core.Rubrics;
using Grader.Core.Rubrics.Kinds;

namespace Grader.Cli;

/// <summary><c>grader rubrics list | show ID | validate [PATH...]</c></summary>
internal static class RubricsCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        var listRubrics = new RubricOptions();
        var list = new Command("list", "List the problems Grader has rubrics for (built in, and from --rubrics or the --config file)");
        listRubrics.AddTo(list);
        list.SetAction(parse => List(listRubrics.Load(parse, environment, stderr), stdout));

        var id = new Argument<string>("ID") { Description = "A problem id, e.g. news-feed (or 'base'), built in or from --rubrics or the --config file" };
        var showRubrics = new RubricOptions();
        var show = new Command("show", "Show a rubric's steps, weights and criteria") { id };
        showRubrics.AddTo(show);
        show.SetAction(parse => Show(parse.GetValue(id)!, showRubrics.Load(parse, environment, stderr), stdout, stderr));

        var paths = new Argument<string[]>("PATH") { Description = "Rubric files or folders (default: the built-in rubrics)", Arity = ArgumentArity.ZeroOrMore };
        var validate = new Command("validate", "Check rubric files; exit 1 on any error") { paths };
        validate.SetAction(parse => Validate(parse.GetValue(paths) ?? [], stdout, stderr));

        return new Command("rubrics", "Inspect and validate rubrics") { list, show, validate };
    }

    private static int List(RubricCatalog? catalog, TextWriter stdout)
    {
        if (catalog is null)
        {
            return ExitCodes.BadInput;
        }

        foreach (var rubric in catalog.Problems)
        {
            stdout.WriteLine(UntrustedText.Visible($"{rubric.Id,-24} {rubric.Criteria.Length,3} criteria  {rubric.Title}"));
        }

        return ExitCodes.Graded;
    }

    private static int Show(string id, RubricCatalog? catalog, TextWriter stdout, TextWriter stderr)
    {
        if (catalog is null)
        {
            return ExitCodes.BadInput;
        }

        if (!catalog.TryGet(id, out var rubric))
        {
            stderr.WriteLine(UntrustedText.Visible($"grader: error: unknown rubric '{id}'. Known: base, {string.Join(", ", catalog.Problems.Select(p => p.Id))} (a group's own rubrics: --rubrics DIR or --config FILE)"));
            return ExitCodes.BadInput;
        }

        stdout.WriteLine(UntrustedText.Visible($"{rubric.Id} (version {rubric.Version}): {rubric.Title}"));
        if (rubric.Prompt is not null)
        {
            stdout.WriteLine(UntrustedText.Visible($"Prompt: {rubric.Prompt}"));
        }

        foreach (var step in rubric.Steps)
        {
            var criteria = rubric.Criteria.Where(c => c.Step == step.Step).ToList();
            var available = criteria.Where(c => !c.Deducts()).Sum(c => c.Points);
            stdout.WriteLine();
            stdout.WriteLine(UntrustedText.Visible($"{step.Step.ToId()} — {step.Title}: {Number(step.Weight)} points"));
            foreach (var criterion in criteria)
            {
                var scaled = available > 0 ? criterion.Points * step.Weight / available : 0;
                var sign = criterion.Deducts() ? "-" : " ";
                stdout.WriteLine(UntrustedText.Visible($"  {sign}{Number(scaled),5}  {criterion.Id,-40} {CriterionKinds.For(criterion).Describe(criterion),-14} {criterion.Message}"));
            }
        }

        return ExitCodes.Graded;
    }

    private static int Validate(string[] paths, TextWriter stdout, TextWriter stderr)
    {
        // Built-in rubrics always load first, so a group's rubric can say 'extends: base'.
        var sources = new List<(string File, string Text)>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                sources.AddRange(Directory.EnumerateFiles(path, "*.yaml").Order(StringComparer.Ordinal).Select(f => (f, File.ReadAllText(f))));
            }
            else if (File.Exists(path))
            {
                sources.Add((path, File.ReadAllText(path)));
            }
            else
            {
                stderr.WriteLine($"{path}: error rubric.not-found: no such file or folder");
                return ExitCodes.BadInput;
            }
        }

        var builtIn = BuiltInSources();
        var (catalog, errors) = RubricCatalog.Load([.. builtIn.Where(b => !sources.Any(s => Path.GetFileName(s.File) == Path.GetFileName(b.File))), .. sources], DescriptorCatalog.Ids);
        foreach (var error in errors)
        {
            stderr.WriteLine(error);
        }

        var checkedCount = paths.Length == 0 ? builtIn.Count : sources.Count;
        if (errors.Length > 0)
        {
            stdout.WriteLine($"{errors.Length} error(s) in {checkedCount} rubric file(s)");
            return ExitCodes.Failed;
        }

        stdout.WriteLine($"{checkedCount} rubric file(s) valid");
        return ExitCodes.Graded;
    }

    public static List<(string File, string Text)> BuiltInSources()
    {
        var assembly = typeof(RubricCatalog).Assembly;
        return [.. assembly.GetManifestResourceNames().Where(n => n.StartsWith("rubrics/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            .Select(n =>
            {
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return (n, reader.ReadToEnd());
            })];
    }

    private static string Number(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
