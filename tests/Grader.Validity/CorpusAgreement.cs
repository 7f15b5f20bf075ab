using System.Globalization;
using System.Text;
using Grader.Core;
using Grader.Core.Diagnostics;
using Grader.Core.Rubrics;

namespace Grader.Validity;

/// <summary>Agreement with the public corpus's quality labels (SOURCES.tsv): Spearman, ranges per label, integrity false positives.</summary>
public static class CorpusAgreement
{
    private static readonly string[] Order = ["complete", "partial", "weak", "off-topic"];

    public static string Report(GradingEngine engine, RubricCatalog catalog, string corpus)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(catalog);
        var rows = new List<(string Label, double Score, bool Flagged)>();
        foreach (var line in File.ReadLines(Path.Combine(corpus, "SOURCES.tsv")).Skip(1))
        {
            var cells = line.Split('\t');
            if (cells.Length < 8)
            {
                continue;
            }

            var problem = catalog.TryGet(cells[6], out _) ? cells[6] : null;
            var graded = engine.Grade(cells[0], File.ReadAllText(Path.Combine(corpus, cells[0])), problem);
            rows.Add((cells[7].Split(' ')[0], graded.Score.Total, graded.Diagnostics.Any(d => d.Id == DiagnosticIds.GraderDirectedText)));
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Public corpus: {rows.Count} answers");
        foreach (var group in rows.GroupBy(r => r.Label).OrderBy(g => Rank(g.Key)))
        {
            var scores = group.Select(r => r.Score).Order().ToList();
            text.AppendLine(CultureInfo.InvariantCulture, $"  {group.Key,-10} n={scores.Count,2}  range {scores[0]:0.0}-{scores[^1]:0.0}  median {scores[scores.Count / 2]:0.0}");
        }

        var rho = Spearman([.. rows.Select(r => r.Score)], [.. rows.Select(r => (double)(Order.Length - Rank(r.Label)))]);
        text.AppendLine(CultureInfo.InvariantCulture, $"  Spearman(score, quality label) = {rho:0.000}");
        text.Append(CultureInfo.InvariantCulture, $"  integrity flags (MLSD0902) on corpus answers: {rows.Count(r => r.Flagged)}/{rows.Count}");
        return text.ToString();
    }

    private static int Rank(string label) => Array.IndexOf(Order, label) is var i and >= 0 ? i : Order.Length;

    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        var rx = Ranks(x);
        var ry = Ranks(y);
        var mx = rx.Average();
        var my = ry.Average();
        var cov = rx.Zip(ry).Sum(p => (p.First - mx) * (p.Second - my));
        var sx = Math.Sqrt(rx.Sum(v => (v - mx) * (v - mx)));
        var sy = Math.Sqrt(ry.Sum(v => (v - my) * (v - my)));
        return cov / (sx * sy);
    }

    // Average ranks for ties.
    private static double[] Ranks(IReadOnlyList<double> values)
    {
        var sorted = values.Select((v, i) => (v, i)).OrderBy(p => p.v).ToList();
        var ranks = new double[values.Count];
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1].v == sorted[i].v)
            {
                j++;
            }

            for (var k = i; k <= j; k++)
            {
                ranks[sorted[k].i] = ((i + j) / 2.0) + 1;
            }

            i = j + 1;
        }

        return ranks;
    }
}
