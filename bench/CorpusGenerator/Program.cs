using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

// Writes N answers built from examples/ with varied content, about 16 KB each on average: a base answer with
// some steps dropped, numbers changed and an appendix of another answer's sections, all seeded and repeatable.
// Usage: CorpusGenerator EXAMPLES_DIR OUT_DIR COUNT [SEED]
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: CorpusGenerator EXAMPLES_DIR OUT_DIR COUNT [SEED]");
    return 2;
}

var examples = Directory.EnumerateFiles(args[0], "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();
var output = args[1];
var count = int.Parse(args[2], CultureInfo.InvariantCulture);
var random = new Random(args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 42);
Directory.CreateDirectory(output);
long bytes = 0;
for (var i = 0; i < count; i++)
{
    var text = new StringBuilder();
    var main = Sections(examples[random.Next(examples.Length)]);
    text.Append(main[0]);
    foreach (var section in main.Skip(1))
    {
        // Drop about one step in eight, so answers differ in completeness.
        if (random.Next(8) != 0)
        {
            text.Append(Vary(section, random));
        }
    }

    text.Append("\n## Appendix: notes from earlier drafts\n\n");
    for (var draft = 0; draft < 2; draft++)
    {
        foreach (var section in Sections(examples[random.Next(examples.Length)]).Skip(1).Where(_ => random.Next(4) != 0))
        {
            text.Append(Vary(section.Replace("## ", "### ", StringComparison.Ordinal), random));
        }
    }

    var file = Path.Combine(output, $"answer-{i:D5}.md");
    File.WriteAllText(file, text.ToString());
    bytes += new FileInfo(file).Length;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} answers, {bytes / 1048576.0:0.0} MB in {output}"));
return 0;

static List<string> Sections(string text)
{
    var parts = Regex.Split(text, @"(?=^## )", RegexOptions.Multiline);
    return [.. parts];
}

static string Vary(string section, Random random) =>
    Regex.Replace(section, @"\b\d+\b", m => (int.Parse(m.Value.Length > 6 ? m.Value[..6] : m.Value, CultureInfo.InvariantCulture) * (1 + random.Next(3))).ToString(CultureInfo.InvariantCulture));
