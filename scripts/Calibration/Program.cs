using System.Globalization;
using Grader.Core;
using Grader.Core.Diagnostics;
using Grader.Core.Rubrics;
using Grader.Validity;

// Grades the calibration set (../shared/calibration, blind expert grades) and the public corpus
// (../shared/corpus/public, quality labels) and sets each score beside the expert's. Reads both in place; copies
// none of their text anywhere.
var corpus = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "corpus", "public");
var calibration = args.Length > 1 ? args[1] : Path.Combine("..", "shared", "calibration");
var (catalog, errors) = RubricCatalog.Load(DescriptorCatalog.Ids);
if (errors.Length > 0)
{
    errors.ToList().ForEach(e => Console.Error.WriteLine(e));
    return 2;
}

var engine = new GradingEngine(catalog);
if (File.Exists(Path.Combine(calibration, "labels.tsv")))
{
    Console.WriteLine($"Calibration set ({calibration}): expert grades beside Grader's");
    Console.WriteLine(ExpertAgreement.Report(ExpertAgreement.Grade(engine, calibration)));
    Console.WriteLine();
}
else
{
    Console.Error.WriteLine($"calibration: no labels at {calibration} (labels.tsv not found)");
}

var sources = Path.Combine(corpus, "SOURCES.tsv");
if (!File.Exists(sources))
{
    Console.Error.WriteLine($"calibration: no corpus at {corpus} (SOURCES.tsv not found); nothing more to measure");
    return 0;
}

Console.WriteLine($"Public corpus ({corpus}): score beside quality label");
var rows = new List<(string File, string Slug, string Label, double Score, string Band, string Rubric, string? Detected, double? Confidence, bool Flagged)>();
foreach (var line in File.ReadLines(sources).Skip(1))
{
    var cells = line.Split('\t');
    if (cells.Length < 8)
    {
        continue;
    }

    var (file, slug) = (cells[0], cells[6]);
    var label = cells[7].Split(' ')[0].Trim();
    // Graded as the problem it answers where we have its rubric; otherwise as a user without front matter would be.
    var problem = catalog.TryGet(slug, out _) ? slug : null;
    var result = engine.Grade(file, File.ReadAllText(Path.Combine(corpus, file)), problem);
    rows.Add((file, slug, label, result.Score.Total, result.Score.Band, result.Problem.Id, result.Problem.Detected, result.Problem.Confidence,
        result.Diagnostics.Any(d => d.Id == Grader.Core.Diagnostics.DiagnosticIds.GraderDirectedText)));
}

string[] order = ["complete", "partial", "weak", "off-topic"];
int Rank(string label) => Array.IndexOf(order, label) is var i and >= 0 ? i : order.Length;

Console.WriteLine($"{"score",6}  {"band",-12} {"label",-10} {"graded as",-21} {"detected (confidence)",-30} file");
foreach (var row in rows.OrderBy(r => Rank(r.Label)).ThenByDescending(r => r.Score))
{
    var detected = row.Detected is null ? "null" : string.Create(CultureInfo.InvariantCulture, $"{row.Detected} ({row.Confidence:0.00})");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.Score,6:0.0}  {row.Band,-12} {row.Label,-10} {row.Rubric,-21} {detected,-30} {row.File}"));
}

Console.WriteLine();
foreach (var group in rows.GroupBy(r => r.Label).OrderBy(g => Rank(g.Key)))
{
    var scores = group.Select(r => r.Score).Order().ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{group.Key,-10} n={scores.Count,2}  min={scores[0],5:0.0}  median={scores[scores.Count / 2],5:0.0}  max={scores[^1],5:0.0}"));
}

// An answer whose score is withheld (MLSD0013: not in a language the rubrics read) was not graded: it is listed
// above and left out of the agreement figures below.
var withheld = rows.Count(r => r.Band == "ungraded");
rows = [.. rows.Where(r => r.Band != "ungraded")];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"withheld (not graded, left out below): {withheld}"));
var complete = rows.Where(r => r.Label == "complete").ToList();
var lower = rows.Where(r => r.Label is "partial" or "weak" or "off-topic").ToList();
var pairs = complete.SelectMany(c => lower.Select(l => c.Score > l.Score)).ToList();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"complete > partial/weak/off-topic in {pairs.Count(p => p)} of {pairs.Count} pairs ({100.0 * pairs.Count(p => p) / Math.Max(1, pairs.Count):0.0}%)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Spearman(score, quality) = {CorpusAgreement.Spearman([.. rows.Select(r => r.Score)], [.. rows.Select(r => (double)(order.Length - Rank(r.Label)))]):0.000}"));

// Detection: the book's problems should be detected as their slug, non-ML designs as null.
var judged = rows.Where(r => r.Slug == "non-ml" || catalog.TryGet(r.Slug, out _)).ToList();
var correct = judged.Count(r => r.Slug == "non-ml" ? r.Detected is null : r.Detected == r.Slug);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"detection accuracy: {correct} of {judged.Count} ({100.0 * correct / Math.Max(1, judged.Count):0.0}%) on files whose slug is a rubric problem or non-ml"));
Console.WriteLine($"integrity flags (MLSD0902) on corpus files: {rows.Count(r => r.Flagged)} of {rows.Count}");
return 0;
