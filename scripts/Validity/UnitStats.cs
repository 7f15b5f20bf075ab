using Grader.Core;
using Grader.Core.Analysis;

namespace Grader.ValidityScript;

internal static class UnitStats
{
    public static void Run(GradingEngine engine, IEnumerable<(string Name, string Text, string Problem)> docs)
    {
        foreach (var (name, text, problem) in docs)
        {
            var doc = Grader.Core.Parsing.MarkdownParser.Parse(name, text);
            var ctx = engine.Context(new DocumentFacts(doc), problem);
            var compiled = ctx.Compiled;
            var spreads = new List<int>(); var dens = new List<double>(); var coh = new List<double>(); int pairs = 0, agree = 0;
            foreach (var u in ctx.Prose)
            {
                var stems = ctx.Stems(u.Index);
                var ms = compiled.Concepts.Matches(stems).ToList();
                if (ms.Count == 0) continue;
                var steps = ms.Select(m => compiled.ConceptSets[m.Key.Set].Criterion.Step).Distinct().Count();
                var tok = new bool[stems.Length]; foreach (var m in ms) Array.Fill(tok, true, m.Start, m.Length);
                spreads.Add(steps); dens.Add((double)tok.Count(t => t) / stems.Length);
                var unitSteps = ctx.Map.UnitSteps[u.Index];
                var inStep = ms.Count(m => (compiled.ConceptSets[m.Key.Set].Criterion.Scope & unitSteps) != 0);
                coh.Add((double)inStep / ms.Count);
                var st = ms.Select(m => compiled.ConceptSets[m.Key.Set].Criterion.Scope).ToList();
                for (var i = 0; i < st.Count; i++) for (var j = i + 1; j < st.Count; j++) { pairs++; if ((st[i] & st[j]) != 0) agree++; }
            }
            string Hist(List<int> xs) => string.Join(" ", Enumerable.Range(1, 6).Select(k => $"{k}:{xs.Count(x => (k < 6 ? x == k : x >= k))}"));
            Console.WriteLine($"{name,-40} units={spreads.Count,3} steps/unit [{Hist(spreads)}] meanDensity={dens.DefaultIfEmpty().Average():0.00} p90Density={(dens.Count>0?dens.Order().ElementAt((int)(dens.Count*0.9)):0):0.00} coherence={coh.DefaultIfEmpty().Average():0.00} agree={(pairs > 0 ? (double)agree / pairs : 0):0.00}");
        }
    }
}
