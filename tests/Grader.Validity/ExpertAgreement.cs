using System.Globalization;
using System.Text;
using Grader.Core;
using Grader.Core.Diagnostics;
using Grader.Core.Mapping;

namespace Grader.Validity;

/// <summary>One calibration answer: the expert's grades beside Grader's.</summary>
public sealed record ExpertRow(
    string File, string Problem, string Kind, string? Partner,
    double Expert, double[] ExpertSteps, double Grader, double[] GraderSteps, bool Integrity, double? Coherence);

/// <summary>
/// Agreement with blind expert grades (../shared/calibration/labels.tsv): Spearman on totals and per step, mean
/// absolute error, paraphrase-pair gaps. Reads the answers in place; copies none of their text.
/// </summary>
public static class ExpertAgreement
{
    public static IReadOnlyList<ExpertRow> Grade(GradingEngine engine, string calibration)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var rows = new List<ExpertRow>();
        var lines = File.ReadAllLines(Path.Combine(calibration, "labels.tsv"));
        var header = lines[0].Split('\t');
        int Col(string name) => Array.IndexOf(header, name);
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var cells = line.Split('\t');
            var file = cells[Col("file")];
            var problem = cells[Col("problem")];
            var construction = cells[Col("construction")];
            var partner = construction.StartsWith("Partner: ", StringComparison.Ordinal)
                ? construction["Partner: ".Length..].Split(' ')[0]
                : null;
            var expertSteps = FrameworkSteps.All.Select(s => Number(cells[Col("label_" + s.ToId())])).ToArray();

            // Graded as the question it answers, as a study group's CI would.
            var result = engine.Grade(file, File.ReadAllText(Path.Combine(calibration, "answers", file)), problem);
            var graderSteps = result.Score.Steps.Select(s => s.Max > 0 ? 4 * s.Score / s.Max : 0).ToArray();
            var integrity = result.Diagnostics.Any(d => d.Descriptor.Category == "integrity" && d.Severity >= Severity.Warning && !d.IsSuppressed);
            rows.Add(new ExpertRow(file, problem, cells[Col("kind")], partner, Number(cells[Col("label_total")]), expertSteps,
                result.Score.Total, graderSteps, integrity, result.Score.Coherence));
        }

        return rows;
    }

    public static string Report(IReadOnlyList<ExpertRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        text.AppendLine(inv, $"{"file",-32} {"kind",-13} {"expert",6} {"grader",6} {"diff",6}  steps expert/grader (0-4: req frm dat mod evl srv mon)  integrity");
        foreach (var r in rows)
        {
            var steps = string.Join(" ", r.ExpertSteps.Zip(r.GraderSteps, (e, g) => string.Create(inv, $"{e:0.#}/{g:0.0}")));
            text.AppendLine(inv, $"{r.File,-32} {r.Kind,-13} {r.Expert,6:0.0} {r.Grader,6:0.0} {r.Grader - r.Expert,6:+0.0;-0.0;0.0}  {steps}{(r.Integrity ? "  FLAG" : "")}");
        }

        text.AppendLine();
        var total = CorpusAgreement.Spearman([.. rows.Select(r => r.Grader)], [.. rows.Select(r => r.Expert)]);
        var mae = rows.Average(r => Math.Abs(r.Grader - r.Expert));
        text.AppendLine(inv, $"Spearman (total)         {total:0.000}");
        var perStep = FrameworkSteps.All.Select(s => CorpusAgreement.Spearman(
            [.. rows.Select(r => r.GraderSteps[(int)s])], [.. rows.Select(r => r.ExpertSteps[(int)s])])).ToArray();
        text.AppendLine(inv, $"Spearman per step        {string.Join("  ", FrameworkSteps.All.Select(s => string.Create(inv, $"{s.ToId()} {perStep[(int)s]:0.000}")))}");
        text.AppendLine(inv, $"Spearman per step, mean  {perStep.Average():0.000}");
        var pooled = CorpusAgreement.Spearman([.. rows.SelectMany(r => r.GraderSteps)], [.. rows.SelectMany(r => r.ExpertSteps)]);
        text.AppendLine(inv, $"Spearman steps pooled    {pooled:0.000}");
        text.AppendLine(inv, $"mean absolute error      {mae:0.0}");
        foreach (var r in rows.Where(r => r.Partner is not null && string.CompareOrdinal(r.File, r.Partner) < 0))
        {
            var other = rows.FirstOrDefault(o => o.File == r.Partner);
            if (other is not null)
            {
                text.AppendLine(inv, $"paraphrase pair          {r.File} {r.Grader:0.0} / {other.File} {other.Grader:0.0}: gap {Math.Abs(r.Grader - other.Grader):0.0}");
            }
        }

        var strong = rows.Where(r => r.Kind is "strong" or "paraphrase-a" or "paraphrase-b").ToList();
        text.AppendLine(inv, $"strong answers >= 85     {strong.Count(r => r.Grader >= 85)} of {strong.Count} (lowest {strong.Min(r => r.Grader):0.0})");
        var far = rows.Where(r => Math.Abs(r.Grader - r.Expert) > 15).Select(r => string.Create(inv, $"{r.File} ({r.Grader - r.Expert:+0.0;-0.0})")).ToList();
        text.AppendLine(inv, $"more than 15 from expert {far.Count}: {string.Join(", ", far)}");
        var clean = rows.Where(r => r.Kind is not ("injection" or "stuffed" or "not-ml")).ToList();
        text.Append(inv, $"integrity findings on clean answers: {clean.Count(r => r.Integrity)} of {clean.Count}");
        return text.ToString();
    }

    private static double Number(string cell) => double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);
}
