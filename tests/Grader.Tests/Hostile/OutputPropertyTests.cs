using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CsCheck;
using Grader.Cli;
using Grader.Core.Llm;
using Grader.Core.Reporting;
using Grader.Tests.Support;
using NJsonSchema;

namespace Grader.Tests.Hostile;

/// <summary>
/// Random control characters, escapes, surrogates, bidi overrides, HTML, Markdown and workflow-command fragments in the
/// file name, front matter, a heading, a read error and the model's reply: every format still parses and stays inert.
/// </summary>
public partial class OutputPropertyTests
{
    private static readonly string[] Fragments =
    [
        "::", "\n::error::x", "::add-mask::", "::stop-commands::t", "%0A", "\r\n", "\u001b[31m", "\u001b]0;t\u0007", "\u009b2J", "\u202e", "\u2028",
        "</details>", "<h1>", "<img src=x>", "&lt;", "@org/team", "@a", "![i](https://e/x.png)", "[l](javascript:x)", "`", "``", "|", "\\", "\"", "'",
        "*", "_", "~", "#", "\u0000", "\u0001", "\u007f", "\ud800", "\udc00", "\ud83d\ude00", "\uffff", "é", "中",
    ];

    private static readonly Gen<string> Untrusted = Gen.OneOf<string>(
            Gen.OneOf(Fragments),
            Gen.Char.Select(c => c.ToString()),
            Gen.Char['a', 'z'].Select(c => c.ToString()))
        .Array[0, 12].Select(string.Concat);

    private static readonly string[] Formats = ["console", "json", "sarif", "junit", "markdown", "github", "html"];

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Every_format_parses_and_stays_inert_whatever_the_untrusted_text()
    {
        var schema = await JsonSchema.FromFileAsync(Path.Combine(TestGrader.RepoRoot, "tests", "Grader.Tests", "Schemas", "sarif-schema-2.1.0.json"));
        var htmlTags = Tags(TestGrader.ReadRepoFile("src/Grader.Core/Reporting/HtmlReportWriter.cs")).ToHashSet(StringComparer.Ordinal);

        Gen.Select(Untrusted, Untrusted, Untrusted, Untrusted, Untrusted).Sample((name, front, heading, model, reply) =>
        {
            var run = Run(name, front, heading, model, reply);
            foreach (var format in Formats)
            {
                // Valid UTF-8 first: a lone surrogate must have been replaced, not written as broken bytes.
                var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(ReportOutputs.Render(format, run, summary: true));
                Check(format, text, schema, htmlTags);
            }
        }, iter: 40);
    }

    private static GradeRun Run(string name, string front, string heading, string model, string reply)
    {
        var answer = $"""
            ---
            problem: "{Yaml(front)}"
            ---
            ## Requirements {heading}

            We serve 20M daily users with a 200 ms p99 budget. {heading}

            ## Model

            A two-tower model; as a baseline we rank by popularity.
            """;
        var result = TestGrader.Engine.Grade($"answers/{name}.md", answer) with
        {
            Feedback = new LlmFeedback("openai", model, [new FeedbackArea(reply, 3, [reply], [reply, heading], [1])], 10, 20, false),
        };
        return new GradeRun([result], [new ReadError($"answers/{name}/broken.md", reply)]);
    }

    private static void Check(string format, string text, JsonSchema schema, HashSet<string> htmlTags)
    {
        switch (format)
        {
            case "console":
                ReportChecks.PlainConsole(text);
                break;
            case "json":
                JsonDocument.Parse(text).Dispose();
                break;
            case "sarif":
                var errors = schema.Validate(text);
                Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")));
                break;
            case "junit":
                Assert.Equal("testsuites", XDocument.Parse(text).Root!.Name.LocalName);
                break;
            case "markdown":
                ReportChecks.InertMarkdown(text);
                Assert.True(text.Length <= MarkdownReportWriter.MaxLength);
                break;
            case "github":
                ReportChecks.OnlyGradersWorkflowCommands(text);
                break;
            case "html":
                // Every tag is one the writer's own templates contain; no control character HTML forbids.
                Assert.All(Tags(text), tag => Assert.Contains(tag, htmlTags));
                Assert.DoesNotContain(text, c => char.IsControl(c) && c is not '\n' and not '\t');
                break;
        }
    }

    // A YAML double-quoted scalar that yields exactly the text (lone surrogates included, which YAML may refuse).
    private static string Yaml(string text) => string.Concat(text.Select(c =>
        c is '"' or '\\' || char.IsControl(c) || char.IsSurrogate(c) || c > '\u007e' ? $"\\u{(int)c:x4}" : c.ToString()));

    private static IEnumerable<string> Tags(string html) => TagName().Matches(html).Select(m => m.Groups[1].Value.ToLowerInvariant());

    [GeneratedRegex("<(/?[A-Za-z][A-Za-z0-9]*)")]
    private static partial Regex TagName();
}
