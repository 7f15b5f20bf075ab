using System.Globalization;
using System.Text;
using Grader.Core;
using Grader.Core.Diagnostics;
using Grader.Core.Fixes;
using Grader.Core.Mapping;
using Grader.Core.Parsing;
using Grader.Core.Reporting;
using Grader.Core.Rubrics;

namespace Grader.Cli.Lsp;

/// <summary>A finding as the editor sees it, beside the finding it came from (null for a grading error).</summary>
internal sealed record Finding(Diagnostic? Source, LspDiagnostic Lsp);

/// <summary>
/// Grader's results in the protocol's terms: findings as diagnostics, scores as code lenses, rule documentation as
/// hovers, safe fixes as code actions. Findings about something absent (a missing step) stand on the answer's title
/// line, where the total's lens is, so they can be seen, hovered and fixed.
/// </summary>
internal static class LspFindings
{
    public const string SourceName = "grader";

    /// <summary>The 1-based line findings without a location stand on: the first top-level heading, else the first heading, else 1.</summary>
    public static int TitleLine(GradeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var headings = result.Document.Sections.Where(s => !s.IsRoot).ToList();
        return (headings.FirstOrDefault(s => s.Level == 1) ?? headings.FirstOrDefault())?.HeadingSpan.Line ?? 1;
    }

    public static IReadOnlyList<Finding> Findings(GradeResult result, Func<DiagnosticDescriptor, string?> helpHref)
    {
        ArgumentNullException.ThrowIfNull(result);
        var title = TitleLine(result);
        return [.. result.Diagnostics.Where(d => !d.IsSuppressed).Select(d => new Finding(d, new LspDiagnostic(
            RangeOf(result.Document.Source, d.Span, title),
            d.Severity switch { Severity.Error => 1, Severity.Warning => 2, _ => 3 },
            d.Id,
            helpHref(d.Descriptor) is { } href ? new CodeDescription(href) : null,
            SourceName,
            UntrustedText.Visible(FindingPoints.Message(result, d)))))];
    }

    /// <summary>The one diagnostic that stands for an answer that could not be graded.</summary>
    public static Finding Error(string message) =>
        new(null, new LspDiagnostic(new LspRange(new Position(0, 0), new Position(0, 0)), 1, null, null, SourceName, UntrustedText.Visible(message)));

    /// <summary>A 1-based inclusive span as a 0-based, end-exclusive range; no span means the whole title line.</summary>
    public static LspRange RangeOf(SourceText source, SourceSpan span, int titleLine)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (span.IsNone)
        {
            var line = Math.Clamp(titleLine, 1, source.LineCount);
            return new LspRange(new Position(line - 1, 0), new Position(line - 1, source.GetLine(line).Length));
        }

        return new LspRange(new Position(span.Line - 1, span.Column - 1), new Position(span.EndLine - 1, span.EndColumn));
    }

    /// <summary>"Total 30.1 / 100 (weak)" on the title line, then each step's score on its heading, or on the title line when it has none.</summary>
    public static IReadOnlyList<CodeLens> Lenses(GradeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var title = TitleLine(result) - 1;
        var lenses = new List<CodeLens> { Lens(title, $"Total {N(result.Score.Total)} / {M(result.Score.Max)} ({UntrustedText.Visible(result.Score.Band)})") };
        foreach (var step in result.Score.Steps.Where(s => s.Max > 0))
        {
            var name = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(step.Step.ToId());
            lenses.Add(step.Heading is not null && step.Line is { } line
                ? Lens(line - 1, $"{name} {N(step.Score)} / {M(step.Max)}")
                : Lens(title, $"{name} {N(step.Score)} / {M(step.Max)} ({(step.Line is null ? "missing" : "no heading")})"));
        }

        return lenses;
    }

    /// <summary>
    /// The hover over findings: each one's message, its criterion's definition, and the documentation of its rule
    /// (<c>grader explain</c>), each rule once. Messages quote the answer, so they are made inert Markdown.
    /// </summary>
    public static string Hover(IEnumerable<Finding> findings, RubricCatalog? catalog)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var text = new StringBuilder();
        var rules = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var finding in findings)
        {
            text.Append("**").Append(finding.Lsp.Code ?? SourceName).Append("** ").Append(UntrustedText.Markdown(finding.Lsp.Message)).Append("\n\n");
            if (finding.Source?.CriterionId is { } criterion && catalog is not null && ExplainCommand.CriterionText(criterion, catalog) is { } definition)
            {
                text.Append("```text\n").Append(definition.Replace("```", "'''", StringComparison.Ordinal).TrimEnd()).Append("\n```\n\n");
            }

            if (finding.Source is { } source)
            {
                rules.Add(source.Id);
            }
        }

        foreach (var rule in rules)
        {
            text.Append("---\n\n").Append(ExplainCommand.RuleText(rule)?.TrimEnd()).Append("\n\n");
        }

        return text.ToString().TrimEnd() + "\n";
    }

    /// <summary>The safe fixes for the findings in a range, as code actions that edit the document at <paramref name="uri"/>.</summary>
    public static IReadOnlyList<CodeAction> Actions(string uri, Graded graded, IReadOnlyList<Finding> all, LspRange range)
    {
        ArgumentNullException.ThrowIfNull(graded);
        ArgumentNullException.ThrowIfNull(all);
        ArgumentNullException.ThrowIfNull(range);
        if (graded.Result is not { } result || LspWorkspace.RubricOf(graded) is not { } rubric)
        {
            return [];
        }

        var inRange = all.Where(f => f.Source is not null && Overlaps(f.Lsp.Range, range)).ToList();
        var fixes = new List<(SafeFix Fix, bool Preferred)>();
        foreach (var finding in inRange.Where(f => f.Source!.Id == DiagnosticIds.StepMissing && f.Source.Step is not null))
        {
            fixes.Add((SafeFixes.InsertStep(result, rubric, finding.Source!), true));
        }

        var title = TitleLine(result) - 1;
        if (SafeFixes.FrontMatter(result) is { } frontMatter
            && (range.Start.Line <= title || inRange.Any(f => f.Source!.Id is DiagnosticIds.ProblemUncertain or DiagnosticIds.ProblemMismatch)))
        {
            fixes.Add((frontMatter, true));
        }

        // One comment can silence several findings (two missing steps are both MLSD0101): one action for it, resolving all.
        var suppressions = inRange.Select(f => SafeFixes.Suppress(result, f.Source!)).OfType<SafeFix>()
            .GroupBy(f => (f.Title, string.Concat(f.Edits.Select(e => $"{e.Line}:{e.Column}:{e.Text}"))))
            .Select(g => g.First() with { Resolves = [.. g.SelectMany(f => f.Resolves)] });
        fixes.AddRange(suppressions.Select(f => (f, false)));

        return [.. fixes.Select(f => new CodeAction(
            f.Fix.Title,
            "quickfix",
            [.. all.Where(a => a.Source is not null && f.Fix.Resolves.Contains(a.Source)).Select(a => a.Lsp)],
            f.Preferred ? true : null,
            new WorkspaceEdit(new Dictionary<string, IReadOnlyList<TextEdit>>(StringComparer.Ordinal)
            {
                [uri] = [.. f.Fix.Edits.Select(e => new TextEdit(Point(result.Document.Source, e.Line, e.Column), e.Text))],
            })))];
    }

    public static bool Contains(LspRange range, Position position) =>
        Compare(range.Start, position) <= 0 && Compare(position, range.End) <= 0;

    private static bool Overlaps(LspRange a, LspRange b) => Compare(a.Start, b.End) <= 0 && Compare(b.Start, a.End) <= 0;

    private static int Compare(Position a, Position b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Character.CompareTo(b.Character);

    // An insertion past the last line is an insertion at the end: the protocol leaves positions past the end undefined.
    private static LspRange Point(SourceText source, int line, int column)
    {
        if (line > source.LineCount)
        {
            (line, column) = (source.LineCount, source.GetLine(source.LineCount).Length + 1);
        }

        var at = new Position(line - 1, column - 1);
        return new LspRange(at, at);
    }

    private static CodeLens Lens(int line, string title) => new(new LspRange(new Position(line, 0), new Position(line, 0)), new LensCommand(title, ""));

    private static string N(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string M(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
