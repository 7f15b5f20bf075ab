using System.Globalization;
using Markdig;
using Markdig.Syntax;

// Usage: MarkdigFloor FOLDER   parses every *.md below FOLDER with Grader's Markdig pipeline and nothing else: the
// least any Markdown grader must do, so bench/compare can show how far Grader is from it.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: MarkdigFloor FOLDER");
    return 2;
}

// The same extensions as Grader.Core's MarkdownParser.
var pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().UsePipeTables().UseMathematics().UsePreciseSourceLocation().Build();
long blocks = 0;
var files = 0;
foreach (var file in Directory.EnumerateFiles(args[0], "*.md", SearchOption.AllDirectories))
{
    var document = Markdown.Parse(File.ReadAllText(file), pipeline);
    blocks += document.Descendants<Block>().LongCount();
    files++;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{files} files, {blocks} blocks"));
return 0;
