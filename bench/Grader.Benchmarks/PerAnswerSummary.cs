using System.Diagnostics;
using System.Globalization;
using Grader.Core;
using Grader.Core.Diagnostics;
using Grader.Core.Rubrics;
using Markdig;

namespace Grader.Benchmarks;

/// <summary>
/// What one typical answer costs once everything is warm, on one thread: CPU time and bytes allocated per whole grade,
/// and the CPU time of Markdig alone parsing the same answer (the floor the target is set against), measured the same
/// way in the same process. Prints three numbers. Compiled into the JIT benchmarks and into bench/PerAnswerNative, the
/// shipped build's (Native AOT) measure.
/// </summary>
internal static class PerAnswerSummary
{
    /// <summary>The extensions Grader.Core's MarkdownParser parses with.</summary>
    public static readonly MarkdownPipeline MarkdigOnly = new MarkdownPipelineBuilder()
        .UseYamlFrontMatter()
        .UsePipeTables()
        .UseMathematics()
        .UsePreciseSourceLocation()
        .Build();

    private const int WarmUp = 300;
    private const int Count = 1000;

    public static void Run(string text)
    {
        var (catalog, _) = RubricCatalog.Load(DescriptorCatalog.Ids);
        var engine = new GradingEngine(catalog);
        var (grade, allocated) = Measure(() => engine.Grade("a.md", text, "video-recommendation"));
        var (markdig, _) = Measure(() => Markdown.Parse(text, MarkdigOnly));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{grade:0.000} {allocated:0.0} {markdig:0.000}"));
    }

    // Milliseconds of process CPU (the collector's threads included) and KB allocated per run, after a warm-up.
    private static (double Ms, double Kb) Measure(Action work)
    {
        for (var i = 0; i < WarmUp; i++)
        {
            work();
        }

        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < Count; i++)
        {
            work();
        }

        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        process.Refresh();
        return ((process.TotalProcessorTime - cpu).TotalMilliseconds / Count, allocated / 1024.0 / Count);
    }
}
