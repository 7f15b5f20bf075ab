using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Grader.Core;
using Grader.Core.Analysis;
using Grader.Core.Diagnostics;
using Grader.Core.Parsing;
using Grader.Core.Rubrics;
using Grader.Core.Scoring;
using Markdig;

using Grader.Benchmarks;

// dotnet run -c Release --project bench/Grader.Benchmarks -- [BenchmarkDotNet args]   micro-benchmarks per stage
// dotnet run -c Release --project bench/Grader.Benchmarks -- --profile DIR            time per stage over a folder
// dotnet run -c Release --project bench/Grader.Benchmarks -- --per-answer             CPU and bytes per typical answer, and the Markdig floor
// dotnet run -c Release --project bench/Grader.Benchmarks -- --per-answer-summary     CPU ms and KB per typical answer, and Markdig's CPU ms (JIT; bench/PerAnswerNative is the shipped build's)
// dotnet run -c Release --project bench/Grader.Benchmarks -- --per-answer-cpu [ROUNDS [markdig|parse|grade]]
//   the same as process CPU time, which a busy machine disturbs less than wall time; one benchmark named runs alone
//   (for a profiler: DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 perf record -g dotnet ... grade)
if (args.Length is >= 1 and <= 3 && args[0] == "--per-answer-cpu")
{
    PerAnswerCpu.Run(args.Length >= 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40, args.Length == 3 ? args[2] : null);
    return;
}

if (args.Length >= 1 && args[0] == "--per-answer")
{
    // In process: no generated project to build, which a busy 2-core machine may not finish within BenchmarkDotNet's timeout.
    BenchmarkRunner.Run<PerAnswer>(DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance)), args[1..]);
    return;
}

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

if (args.Length == 1 && args[0] == "--per-answer-summary")
{
    PerAnswerSummary.Run(Answers.Of("typical"));
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

/// <summary>
/// Every shipped example graded one at a time with the rubrics already loaded and compiled (what a batch pays per
/// answer), beside the floor: Markdig alone parsing the same files with the same extensions. Results are per answer.
/// </summary>
[MemoryDiagnoser]
public class PerAnswer
{
    private GradingEngine _engine = null!;
    private (string Path, string Text)[] _answers = [];

    [GlobalSetup]
    public void Setup()
    {
        var (catalog, _) = RubricCatalog.Load(DescriptorCatalog.Ids);
        _engine = new GradingEngine(catalog);
        _answers = Answers.Examples();
        foreach (var (path, text) in _answers)
        {
            _engine.Grade(path, text); // compiles each rubric and builds the detector once, as a batch does
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Answers.ExampleCount)]
    public int Markdig()
    {
        var blocks = 0;
        foreach (var (_, text) in _answers)
        {
            blocks += Markdown.Parse(text, PerAnswerSummary.MarkdigOnly).Count;
        }

        return blocks;
    }

    [Benchmark(OperationsPerInvoke = Answers.ExampleCount)]
    public int Parse()
    {
        var units = 0;
        foreach (var (path, text) in _answers)
        {
            units += MarkdownParser.Parse(path, text).Units.Length;
        }

        return units;
    }

    [Benchmark(OperationsPerInvoke = Answers.ExampleCount)]
    public double Grade()
    {
        var total = 0.0;
        foreach (var (path, text) in _answers)
        {
            total += _engine.Grade(path, text).Score.Total;
        }

        return total;
    }
}

/// <summary>
/// <see cref="PerAnswer"/> measured as the process's CPU time (GC threads included) rather than wall time: on a shared
/// machine other processes stretch wall time far more than they stretch this process's own CPU time.
/// </summary>
internal static class PerAnswerCpu
{
    public static void Run(int rounds, string? only)
    {
        var bench = new PerAnswer();
        bench.Setup();
        if (only is null or "markdig")
        {
            Measure("Markdig", bench.Markdig, rounds);
        }

        if (only is null or "parse")
        {
            Measure("Parse", bench.Parse, rounds);
        }

        if (only is null or "grade")
        {
            Measure("Grade", () => bench.Grade(), rounds);
        }
    }

    private static void Measure<T>(string name, Func<T> run, int rounds)
    {
        // Tiered JIT promotes hot methods only after a delay: warm up for five seconds, not a number of calls.
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < TimeSpan.FromSeconds(5))
        {
            run();
        }

        GC.Collect();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var paused = GC.GetTotalPauseDuration();
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < rounds; i++)
        {
            run();
        }

        wall.Stop();
        process.Refresh();
        var answers = (double)rounds * Answers.ExampleCount;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-8} {(process.TotalProcessorTime - cpu).TotalMicroseconds / answers,9:0} us CPU {wall.Elapsed.TotalMicroseconds / answers,9:0} us wall ({(GC.GetTotalPauseDuration() - paused).TotalMicroseconds / answers,6:0} in GC pauses) {(GC.GetAllocatedBytesForCurrentThread() - bytes) / 1024.0 / answers,9:0.0} KB allocated per answer"));
    }
}

internal static class Answers
{
    /// <summary>How many answers <see cref="Examples"/> returns: BenchmarkDotNet divides by it, so a new example must update it.</summary>
    public const int ExampleCount = 26;

    public static (string Path, string Text)[] Examples()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Root, "examples"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(Root, f).Replace('\\', '/'), File.ReadAllText(f))).ToArray();
        return files.Length == ExampleCount
            ? files
            : throw new InvalidOperationException($"examples/ holds {files.Length} answers; set Answers.ExampleCount to match");
    }

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

/// <summary>A stopwatch and an allocation count per stage over a folder of answers: where a batch's time and memory go.</summary>
internal static class Profile
{
    private sealed class Stage
    {
        public Stopwatch Watch { get; } = new();

        public long Bytes { get; set; }

        private long _start;

        public void Start()
        {
            _start = GC.GetAllocatedBytesForCurrentThread();
            Watch.Start();
        }

        public void Stop()
        {
            Watch.Stop();
            Bytes += GC.GetAllocatedBytesForCurrentThread() - _start;
        }
    }

    public static void Run(string folder)
    {
        // Only the folder's own answers are read (not its subfolders'): none would leave nothing to time per answer.
        if (!Directory.Exists(folder) || !Directory.EnumerateFiles(folder, "*.md").Any())
        {
            Console.Error.WriteLine($"--profile: no .md answers directly in {folder} (subfolders are not read)");
            Environment.ExitCode = 2;
            return;
        }

        var (catalog, _) = RubricCatalog.Load(DescriptorCatalog.Ids);
        var engine = new GradingEngine(catalog);
        var files = Directory.EnumerateFiles(folder, "*.md").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
        var stages = new Dictionary<string, Stage>(StringComparer.Ordinal);
        Stage Stage(string name) => stages.TryGetValue(name, out var s) ? s : stages[name] = new Stage();
        // Warm up until tiered JIT has promoted the grading path (it waits before promoting a hot method).
        var warm = Stopwatch.StartNew();
        for (var i = 0; warm.Elapsed < TimeSpan.FromSeconds(5); i++)
        {
            engine.Grade("warm.md", files[i % files.Count]);
        }

        var analyzers = AnalyzerRegistry.Analyzers.ToDictionary(a => a, a => Stage("3 analyzer " + a.GetType().Name));
        foreach (var text in files)
        {
            var sw = Stage("1 parse");
            sw.Start();
            var document = MarkdownParser.Parse("a.md", text);
            sw.Stop();
            // The facts the map reads, each computed once and cached: timed apart, then the map itself.
            var facts = new DocumentFacts(document);
            sw = Stage("2a stems");
            sw.Start();
            for (var u = 0; u < document.Units.Length; u++)
            {
                facts.Stems(u);
            }

            sw.Stop();
            sw = Stage("2b quantities");
            sw.Start();
            for (var u = 0; u < document.Units.Length; u++)
            {
                facts.Quantities(u);
            }

            sw.Stop();
            sw = Stage("2c injections");
            sw.Start();
            facts.IsExcluded(0);
            sw.Stop();
            sw = Stage("2d map");
            sw.Start();
            var context = engine.Context(facts, document.FrontMatter.Problem ?? "video-recommendation");
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

        foreach (var (name, stage) in stages.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-50} {stage.Watch.Elapsed.TotalMilliseconds / files.Count,8:0.000} ms {stage.Bytes / 1024.0 / files.Count,9:0.0} KB per answer"));
        }
    }
}

/// <summary>One cold pass through what a single-file run does first, with a stopwatch on each step.</summary>
internal static class StartupProfile
{
    public static void Run()
    {
        var watch = Stopwatch.StartNew();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var collections = GC.CollectionCount(0);
        void Mark(string step)
        {
            var now = GC.GetTotalAllocatedBytes(precise: true);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{step,-40} {watch.Elapsed.TotalMilliseconds,7:0.0} ms {(now - allocated) / 1024.0,9:0} KB allocated {GC.CollectionCount(0) - collections,3} GCs"));
            allocated = now;
            collections = GC.CollectionCount(0);
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
