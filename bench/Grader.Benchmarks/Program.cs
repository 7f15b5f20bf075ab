using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Grader.Core;
using Grader.Core.Analysis;
using Grader.Core.Diagnostics;
using Grader.Core.Parsing;
using Grader.Core.Rubrics;
using Grader.Core.Scoring;

using Grader.Benchmarks;

// dotnet run -c Release --project bench/Grader.Benchmarks -- [BenchmarkDotNet args]   micro-benchmarks per stage
// dotnet run -c Release --project bench/Grader.Benchmarks -- --profile DIR            time per stage over a folder
// dotnet run -c Release --project bench/Grader.Benchmarks -- --per-answer             CPU and allocation per typical answer
if (args.Length == 2 && args[0] == "--write-large")
{
    File.WriteAllText(args[1], Answers.Of("large"));
    return;
}

if (args.Length == 1 && args[0] == "--startup")
{
    StartupProfile.Run();
    return;
}

if (args.Length == 2 && args[0] == "--profile")
{
    Profile.Run(args[1]);
    return;
}

if (args.Length == 1 && args[0] == "--per-answer")
{
    PerAnswer.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Stages).Assembly).Run(args);

namespace Grader.Benchmarks
{
/// <summary>The four stages on a small, a typical (2-3k words) and a very large (200k words) answer.</summary>
[MemoryDiagnoser]
public class Stages
{
    private GradingEngine _engine = null!;
    private string _text = "";
    private DesignDocument _document = null!;

    [Params("small", "typical", "large")]
    public string Size { get; set; } = "typical";

    [GlobalSetup]
    public void Setup()
    {
        var (catalog, _) = RubricCatalog.Load(DescriptorCatalog.Ids);
        _engine = new GradingEngine(catalog);
        _ = _engine.Mapper("video-recommendation");
        _text = Answers.Of(Size);
        _document = MarkdownParser.Parse("a.md", _text);
    }

    [Benchmark]
    public DesignDocument Parse() => MarkdownParser.Parse("a.md", _text);

    [Benchmark]
    public object Map() => _engine.Context(new DocumentFacts(_document), "video-recommendation").Map;

    [Benchmark]
    public AnalysisContext Analyze()
    {
        var context = _engine.Context(new DocumentFacts(_document), "video-recommendation");
        foreach (var analyzer in AnalyzerRegistry.Analyzers)
        {
            analyzer.Analyze(context);
        }

        return context;
    }

    // Scoring reads the analyzers' findings, so it runs after them on a fresh context: this is analyze + score; score
    // alone is the difference from Analyze.
    [Benchmark]
    public ScoreCard AnalyzeAndScore() => Scorer.Score(Analyze()).Card;

    [Benchmark]
    public GradeResult GradeEndToEnd() => _engine.Grade("a.md", _text, "video-recommendation");
}

internal static class Answers
{
    private static readonly string Root = FindRoot();

    public static string Of(string size) => size switch
    {
        "small" => File.ReadAllText(Path.Combine(Root, "examples", "video-recommendation", "weak.md")),
        "typical" => File.ReadAllText(Path.Combine(Root, "examples", "video-recommendation", "strong.md")),
        _ => Large(),
    };

    // About 200,000 words: every example's body, repeated, under distinct headings.
    private static string Large()
    {
        var bodies = Directory.EnumerateFiles(Path.Combine(Root, "examples"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => File.ReadAllText(f).Split("---", 3)[^1]).ToList();
        var text = new System.Text.StringBuilder("---\nproblem: video-recommendation\n---\n");
        var words = 0;
        for (var round = 0; words < 200_000; round++)
        {
            foreach (var body in bodies)
            {
                text.Append("\n\n# Part ").Append(round.ToString(CultureInfo.InvariantCulture)).Append('\n').Append(body);
                words += body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
            }
        }

        return text.ToString();
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Grader.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}

/// <summary>A stopwatch per stage over a folder of answers: where a batch's time goes.</summary>
internal static class Profile
{
    public static void Run(string folder)
    {
        var (catalog, _) = RubricCatalog.Load(DescriptorCatalog.Ids);
        var engine = new GradingEngine(catalog);
        var files = Directory.EnumerateFiles(folder, "*.md").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
        var stages = new Dictionary<string, Stopwatch>(StringComparer.Ordinal);
        Stopwatch Stage(string name) => stages.TryGetValue(name, out var s) ? s : stages[name] = new Stopwatch();
        foreach (var text in files.Take(50))
        {
            engine.Grade("warm.md", text); // warm up the JIT
        }

        var analyzers = AnalyzerRegistry.Analyzers.ToDictionary(a => a, a => Stage("analyzer " + a.GetType().Name));
        foreach (var text in files)
        {
            var sw = Stage("1 parse");
            sw.Start();
            var document = MarkdownParser.Parse("a.md", text);
            sw.Stop();
            sw = Stage("2 map + facts");
            sw.Start();
            var context = engine.Context(new DocumentFacts(document), document.FrontMatter.Problem ?? "video-recommendation");
            sw.Stop();
            foreach (var analyzer in AnalyzerRegistry.Analyzers)
            {
                analyzers[analyzer].Start();
                analyzer.Analyze(context);
                analyzers[analyzer].Stop();
            }

            sw = Stage("4 score");
            sw.Start();
            Scorer.Score(context);
            sw.Stop();
            sw = Stage("5 whole grade (for comparison)");
            sw.Start();
            engine.Grade("a.md", text);
            sw.Stop();
        }

        foreach (var (name, watch) in stages.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-50} {watch.Elapsed.TotalMilliseconds / files.Count,8:0.000} ms per answer"));
        }
    }
}

/// <summary>
/// What one typical answer costs once everything is warm, on one thread: CPU time and bytes allocated per whole grade
/// (what Stages.GradeEndToEnd measures with BenchmarkDotNet, in a second instead of minutes). Prints two numbers.
/// </summary>
internal static class PerAnswer
{
    public static void Run()
    {
        var (catalog, _) = RubricCatalog.Load(DescriptorCatalog.Ids);
        var engine = new GradingEngine(catalog);
        var text = Answers.Of("typical");
        for (var i = 0; i < 300; i++)
        {
            engine.Grade("a.md", text, "video-recommendation");
        }

        const int count = 1000;
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < count; i++)
        {
            engine.Grade("a.md", text, "video-recommendation");
        }

        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        process.Refresh();
        cpu = process.TotalProcessorTime - cpu;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cpu.TotalMilliseconds / count:0.000} {allocated / count / 1024.0:0.0}"));
    }
}

/// <summary>One cold pass through what a single-file run does first, with a stopwatch on each step.</summary>
internal static class StartupProfile
{
    public static void Run()
    {
        var watch = Stopwatch.StartNew();
        void Mark(string step)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{step,-40} {watch.Elapsed.TotalMilliseconds,7:0.0} ms"));
            watch.Restart();
        }

        var ids = DescriptorCatalog.Ids;
        Mark("analyzer registry");
        var (catalog, _) = RubricCatalog.Load(ids);
        Mark("rubric catalog (read, validate, merge)");
        var engine = new GradingEngine(catalog);
        var text = Answers.Of("typical");
        var document = MarkdownParser.Parse("a.md", text);
        Mark("first parse (Markdig pipeline)");
        _ = engine.Mapper("video-recommendation");
        Mark("compile one rubric");
        var context = engine.Context(new DocumentFacts(document), "video-recommendation");
        Mark("map");
        _ = context.Injections;
        Mark("injection scanner (first use)");
        foreach (var analyzer in AnalyzerRegistry.Analyzers)
        {
            analyzer.Analyze(context);
        }

        Mark("analyzers (first use)");
        Scorer.Score(context);
        Mark("score (first use)");
        engine.Grade("a.md", text, "video-recommendation");
        Mark("whole grade incl. detector build");
        engine.Grade("a.md", text, "video-recommendation");
        Mark("second whole grade");
    }
}
}
