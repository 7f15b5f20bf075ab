using System.Diagnostics;
using System.Globalization;
using Grader.Core;
using Grader.Core.Diagnostics;
using Grader.Core.Rubrics;
using Grader.Validity;
using Grader.ValidityScript;

// The calibration report: every behavioural check with its measured figure, then agreement with the public
// corpus labels when ../shared/corpus/public is present. Usage: scripts/validity [--details] [--forms DIR]
var root = Directory.GetCurrentDirectory();
var details = args.Contains("--details");
var (catalog, errors) = RubricCatalog.Load(DescriptorCatalog.Ids);
if (errors.Length > 0)
{
    errors.ToList().ForEach(e => Console.Error.WriteLine(e));
    return 2;
}

var engine = new GradingEngine(catalog);
Answer Read(string path, string? problem) => new(path, File.ReadAllText(Path.Combine(root, path)), problem ?? "");
var examples = Directory.EnumerateFiles(Path.Combine(root, "examples"), "*.md", SearchOption.AllDirectories)
    .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToList();
var strong = examples.Where(f => Path.GetFileName(f).StartsWith("strong", StringComparison.Ordinal))
    .Select(f => Read(f, f.Split('/')[1])).ToList();
var suite = new ValiditySuite(engine, strong);
var corpus = Path.Combine(root, "..", "shared", "corpus", "public");
var clean = examples.Select(f => Read(f, null)).ToList();
var nonMl = new List<Answer> { new("url-shortener.md", ValidityFixtures.UrlShortener, "") };
if (Directory.Exists(corpus))
{
    clean.AddRange(Directory.EnumerateFiles(corpus, "*.md").Order(StringComparer.Ordinal).Select(f => new Answer(Path.GetFileName(f), File.ReadAllText(f), "")));
    nonMl.AddRange(Directory.EnumerateFiles(corpus, "non-ml__*.md").Order(StringComparer.Ordinal).Select(f => new Answer(Path.GetFileName(f), File.ReadAllText(f), "")));
}

var grader = Path.Combine(AppContext.BaseDirectory, "grader.dll");
var sample = Path.Combine(root, "examples", "video-recommendation", "strong.md");
byte[] RunOnce()
{
    var start = new ProcessStartInfo("dotnet", ["exec", grader, "check", sample, "--format", "json"]) { RedirectStandardOutput = true };
    using var process = Process.Start(start)!;
    using var buffer = new MemoryStream();
    process.StandardOutput.BaseStream.CopyTo(buffer);
    process.WaitForExit();
    return buffer.ToArray();
}

if (args.Contains("--unit-stats"))
{
    UnitStats.Run(engine, strong.Select(a => (a.Path, a.Text, a.Problem))
        .Concat(strong.Select(a => a.Problem).Distinct().Select(p => ($"gibberish {p}", Perturb.Gibberish(engine.Compile(p).Rubric, 1), p)))
        .Concat(examples.Where(f => f.EndsWith("weak.md", StringComparison.Ordinal)).Select(f => (f, File.ReadAllText(Path.Combine(root, f)), f.Split('/')[1])))
        .Concat(Directory.Exists(corpus) ? File.ReadLines(Path.Combine(corpus, "SOURCES.tsv")).Skip(1).Select(l => l.Split('\t'))
            .Select(c => ($"{c[7].Split(' ')[0]} {c[0][..Math.Min(30, c[0].Length)]}", File.ReadAllText(Path.Combine(corpus, c[0])), catalog.TryGet(c[6], out _) ? c[6] : "video-recommendation")) : []));
    return 0;
}

// --forms DIR: every strong answer in every form of the form-invariance check, written out to read or grade.
if (Array.IndexOf(args, "--forms") is var f and >= 0 && f + 1 < args.Length)
{
    foreach (var answer in strong)
    {
        var graded = engine.Grade(answer.Path, answer.Text, answer.Problem);
        foreach (var form in Forms.Names)
        {
            var name = $"{answer.Problem}.{Path.GetFileNameWithoutExtension(answer.Path)}.{form.Replace(' ', '-')}.md";
            Directory.CreateDirectory(args[f + 1]);
            File.WriteAllText(Path.Combine(args[f + 1], name), Forms.Make(form, answer.Text, graded, engine.Mapper(answer.Problem)));
        }

        File.WriteAllText(Path.Combine(args[f + 1], $"{answer.Problem}.gibberish.md"), Perturb.Gibberish(engine.Compile(answer.Problem).Rubric, 1));
        File.WriteAllText(Path.Combine(args[f + 1], $"{answer.Problem}.stuffed-prose.md"), Perturb.StuffedProse(engine.Compile(answer.Problem).Rubric));
    }

    return 0;
}

var timer = Stopwatch.StartNew();
var results = new List<CheckResult>
{
    suite.Removal(), suite.Ladder(), suite.Hollow(), suite.Formatting(), suite.Order(), suite.Form(), suite.Padding(), suite.ProseStuffing(), suite.DesignErrors(),
    suite.Stuffing(Read("examples/video-recommendation/partial.md", "video-recommendation")),
    suite.OffTopic(nonMl), suite.Gibberish(), suite.Injection(clean), ValiditySuite.Determinism(RunOnce),
};

Console.WriteLine($"Grader validity report — {strong.Count} strong answers across {strong.Select(a => a.Problem).Distinct().Count()} problems");
Console.WriteLine();
Console.WriteLine("| check | perturbation | must hold | measured | pass |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var r in results)
{
    Console.WriteLine($"| {r.Name} | {r.Perturbation} | {r.Requirement} | {r.Measured} | {(r.Passed ? "yes" : "NO")} |");
}

if (details)
{
    foreach (var r in results.Where(r => r.Failures.Count > 0))
    {
        Console.WriteLine();
        Console.WriteLine($"{r.Name}: {r.Failures.Count} failing case(s)");
        r.Failures.Take(25).ToList().ForEach(f => Console.WriteLine($"  {f}"));
    }
}

if (Directory.Exists(corpus))
{
    Console.WriteLine();
    Console.WriteLine(CorpusAgreement.Report(engine, catalog, corpus));
}
else
{
    Console.WriteLine();
    Console.WriteLine("(no ../shared/corpus/public here: corpus agreement not measured)");
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ran in {timer.Elapsed.TotalSeconds:0.0} s"));
return results.All(r => r.Passed) ? 0 : 1;
