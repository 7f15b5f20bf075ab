using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;

// AbCompare DIR_A DIR_B EXAMPLES [ROUNDS] [BLOCK]
// Loads Grader.Core from two build folders, each into a load context of its own, and grades every answer under
// EXAMPLES with A and with B in alternating blocks (A B, then B A, ...), measuring process CPU per block. On a shared
// machine whose speed drifts by the minute, interleaving blocks of a second or two makes each pair's ratio fair where
// two whole runs minutes apart are not. Prints the median CPU per answer of each and the median and quartiles of B/A.
if (args.Length is < 3 or > 5)
{
    Console.Error.WriteLine("usage: AbCompare DIR_A DIR_B EXAMPLES [ROUNDS] [BLOCK]");
    return 2;
}

var rounds = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 30;
var block = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 2;
var answers = Directory.EnumerateFiles(args[2], "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
    .Select(f => (Path: f, Text: File.ReadAllText(f))).ToArray();
var graders = new[] { Grading.Load(args[0], answers), Grading.Load(args[1], answers) };

// Tiered JIT promotes hot methods only after a delay: warm each up for a few seconds, not a number of calls.
foreach (var grade in graders)
{
    var warm = Stopwatch.StartNew();
    while (warm.Elapsed < TimeSpan.FromSeconds(6))
    {
        grade();
    }
}

var perAnswer = new[] { new List<double>(), new List<double>() };
var ratios = new List<double>();
for (var r = 0; r < rounds; r++)
{
    var micros = new double[2];
    foreach (var which in r % 2 == 0 ? new[] { 0, 1 } : [1, 0])
    {
        GC.Collect();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var b = 0; b < block; b++)
        {
            graders[which]();
        }

        micros[which] = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / (block * answers.Length);
        perAnswer[which].Add(micros[which]);
    }

    ratios.Add(micros[1] / micros[0]);
}

static double At(List<double> values, double quantile) => values.Order().ElementAt((int)(quantile * (values.Count - 1)));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{answers.Length} answers, {rounds} rounds of {block}: A {At(perAnswer[0], 0.5):0} us, B {At(perAnswer[1], 0.5):0} us CPU per answer (medians); B/A {At(ratios, 0.5):0.000} (quartiles {At(ratios, 0.25):0.000}-{At(ratios, 0.75):0.000})"));
return 0;

/// <summary>One build of Grader.Core, reached by reflection: its own types live in its own load context.</summary>
internal static class Grading
{
    public static Action Load(string folder, (string Path, string Text)[] answers)
    {
        var context = new FolderContext(Path.GetFullPath(folder));
        var core = context.LoadFromAssemblyPath(Path.Combine(Path.GetFullPath(folder), "Grader.Core.dll"));
        var ids = core.GetType("Grader.Core.Diagnostics.DescriptorCatalog", true)!.GetProperty("Ids")!.GetValue(null);
        var load = core.GetType("Grader.Core.Rubrics.RubricCatalog", true)!.GetMethods()
            .First(m => m.Name == "Load" && m.GetParameters()[0].ParameterType.Name.StartsWith("IReadOnlySet", StringComparison.Ordinal));
        var loaded = load.Invoke(null, [ids, null, null])!;
        var catalog = loaded.GetType().GetField("Item1")!.GetValue(loaded);
        var engineType = core.GetType("Grader.Core.GradingEngine", true)!;
        var engine = Activator.CreateInstance(engineType, [catalog, null])!;
        var grade = engineType.GetMethod("Grade")!;
        return () =>
        {
            foreach (var (path, text) in answers)
            {
                grade.Invoke(engine, [path, text, null, null, CancellationToken.None]);
            }
        };
    }

    // Resolves every assembly from the build folder first, so the two builds never share a Grader.Core.
    private sealed class FolderContext(string folder) : AssemblyLoadContext(isCollectible: false)
    {
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = Path.Combine(folder, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
