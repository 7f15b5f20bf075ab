using System.Collections.Immutable;
using System.Text;
using Grader.Core.Diagnostics;
using Grader.Core.Parsing;
using Grader.Core.Rubrics;

namespace Grader.Core.Fixes;

public enum FixKind
{
    /// <summary>A missing step's heading and guidance, where framework order puts it.</summary>
    InsertStep,

    /// <summary>Front matter naming the problem the answer was graded as.</summary>
    AddFrontMatter,

    /// <summary>A <c>grader-disable</c> comment with a reason still to write.</summary>
    Suppress,
}

/// <summary>Text inserted before a 1-based line and column (UTF-16 code units, as <see cref="SourceSpan"/>).</summary>
public readonly record struct TextInsertion(int Line, int Column, string Text);

/// <summary>A fix that only inserts text, so it can never lose any of the answer. <see cref="Resolves"/> are the findings it addresses.</summary>
public sealed record SafeFix(FixKind Kind, string Title, ImmutableArray<TextInsertion> Edits, ImmutableArray<Diagnostic> Resolves);

/// <summary>
/// Fixes computed from a graded answer, for the language server's code actions and <c>grader fix</c>. Each is an
/// insertion into the text that was graded; none rewrites what the candidate wrote.
/// </summary>
public static class SafeFixes
{
    /// <summary>The text that stands in for a suppression's reason until the author writes one.</summary>
    public const string ReasonPlaceholder = "reason";

    private static readonly HashSet<string> NotSuppressible = new(StringComparer.Ordinal)
    {
        // Findings about suppression comments are fixed by editing the comment, not by another comment.
        DiagnosticIds.SuppressionWithoutReason, DiagnosticIds.UnusedSuppression, DiagnosticIds.IntegritySuppressionRefused,
    };

    /// <summary>The fixes that need no judgement, in framework order: each missing step's skeleton, then front matter.</summary>
    public static ImmutableArray<SafeFix> Structural(GradeResult result, Rubric rubric)
    {
        ArgumentNullException.ThrowIfNull(result);
        var fixes = ImmutableArray.CreateBuilder<SafeFix>();
        foreach (var missing in result.Diagnostics.Where(d => d.Id == DiagnosticIds.StepMissing && d.Step is not null && !d.IsSuppressed).OrderBy(d => d.Step))
        {
            fixes.Add(InsertStep(result, rubric, missing));
        }

        if (FrontMatter(result) is { } frontMatter)
        {
            fixes.Add(frontMatter);
        }

        return fixes.ToImmutable();
    }

    /// <summary>
    /// The skeleton of the step <paramref name="missing"/> (an MLSD0101 finding) reports, before the heading of the next
    /// step in framework order that has one, else after the section of the previous one, else at the end.
    /// </summary>
    public static SafeFix InsertStep(GradeResult result, Rubric rubric, Diagnostic missing)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(rubric);
        ArgumentNullException.ThrowIfNull(missing);
        var step = missing.Step ?? throw new ArgumentException("The finding names no step", nameof(missing));
        var source = result.Document.Source;
        var newline = NewlineOf(source.Text);
        var sections = result.Document.Sections.Where(s => !s.IsRoot).ToList();
        var headed = result.Score.Steps.Where(s => s.Heading is not null && s.Line is not null).ToList();

        int? line = null;
        var level = 2;
        if (headed.FirstOrDefault(s => s.Step > step) is { } next)
        {
            line = next.Line;
            level = LevelAt(sections, next.Line!.Value) ?? level;
        }
        else if (headed.LastOrDefault(s => s.Step < step) is { } previous)
        {
            var own = LevelAt(sections, previous.Line!.Value) ?? level;
            level = own;
            line = sections.Where(s => s.HeadingSpan.Line > previous.Line && s.Level <= own).Select(s => (int?)s.HeadingSpan.Line).Min();
        }

        var skeleton = AnswerSkeleton.Step(rubric, step, level, newline);
        var title = $"Insert the missing '{rubric.Step(step).Title}' step";
        if (line is { } before)
        {
            var separate = before > 1 && !string.IsNullOrWhiteSpace(source.GetLine(before - 1)) ? newline : "";
            return new SafeFix(FixKind.InsertStep, title, [new TextInsertion(before, 1, separate + skeleton)], [missing]);
        }

        // At the end: close an unterminated last line, leave one blank line, and end with a single line break.
        var end = End(source);
        var close = source.Text.Length > 0 && !source.Text.EndsWith('\n') && !source.Text.EndsWith('\r') ? newline : "";
        var body = skeleton.TrimEnd('\r', '\n') + newline;
        return new SafeFix(FixKind.InsertStep, title, [new TextInsertion(end.Line, end.Column, close + (source.Text.Length > 0 ? newline : "") + body)], [missing]);
    }

    /// <summary>
    /// Front matter (or a <c>problem:</c> line in front matter that has none) naming the problem the answer was graded as,
    /// when that was detected from its text or title rather than declared; null when there is nothing to add.
    /// </summary>
    public static SafeFix? FrontMatter(GradeResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var front = result.Document.FrontMatter;
        if (front.Problem is not null || result.Problem.Source is not ("detected" or "title") || result.Problem.Id == RubricCatalog.BaseId
            || result.Document.Issues.Any(i => i.Code == "front-matter"))
        {
            return null;
        }

        var newline = NewlineOf(result.Document.Source.Text);
        var id = result.Problem.Id;
        var resolves = result.Diagnostics.Where(d => d.Id == DiagnosticIds.ProblemUncertain && !d.IsSuppressed).ToImmutableArray();
        return front.IsPresent
            ? new SafeFix(FixKind.AddFrontMatter, $"Add 'problem: {id}' to the front matter", [new TextInsertion(front.Span.Line + 1, 1, $"problem: {id}{newline}")], resolves)
            : new SafeFix(FixKind.AddFrontMatter, $"Add front matter with 'problem: {id}'", [new TextInsertion(1, 1, $"---{newline}problem: {id}{newline}---{newline}{newline}")], resolves);
    }

    /// <summary>
    /// A comment that silences <paramref name="finding"/>: <c>grader-disable-next-line</c> above its line, or
    /// <c>grader-disable-file</c> at the top for a finding about something absent. A criterion's finding is silenced by
    /// the criterion's id, so the step's other criteria still report. Null for findings a comment may not silence.
    /// </summary>
    public static SafeFix? Suppress(GradeResult result, Diagnostic finding)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(finding);
        if (finding.IsSuppressed || finding.Descriptor.Category == Categories.Integrity || NotSuppressible.Contains(finding.Id))
        {
            return null;
        }

        var source = result.Document.Source;
        var newline = NewlineOf(source.Text);
        var target = finding.CriterionId ?? finding.Id;
        if (finding.Span.IsNone)
        {
            var front = result.Document.FrontMatter;
            var line = front.IsPresent ? front.Span.EndLine + 1 : 1;

            // Front matter that ends the file without a line break needs one before the comment.
            var prefix = line > source.LineCount ? newline : "";
            var comment = $"<!-- grader-disable-file {target} -- {ReasonPlaceholder} -->{newline}";
            return new SafeFix(FixKind.Suppress, $"Suppress {target} in this file (then replace '{ReasonPlaceholder}' with why)",
                [new TextInsertion(line, 1, prefix + comment)], [finding]);
        }

        // Indented like the finding's line, so a comment above a nested list item stays inside the list.
        var text = source.GetLine(finding.Span.Line);
        var indent = text[..(text.Length - text.TrimStart(' ', '\t').Length)];
        return new SafeFix(FixKind.Suppress, $"Suppress {target} on this line (then replace '{ReasonPlaceholder}' with why)",
            [new TextInsertion(finding.Span.Line, 1, $"{indent}<!-- grader-disable-next-line {target} -- {ReasonPlaceholder} -->{newline}")], [finding]);
    }

    /// <summary>
    /// Applies insertions made against <paramref name="text"/>. Insertions at the same place keep their given order.
    /// A position past a line's end appends to that line; a line past the end appends to the text.
    /// </summary>
    public static string Apply(string text, IEnumerable<TextInsertion> edits)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(edits);
        var bom = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var source = new SourceText(text);
        var at = edits.Select(e => (Offset: bom + Offset(source, e.Line, e.Column), e.Text)).OrderBy(e => e.Offset).ToList();
        var result = new StringBuilder(text.Length + at.Sum(e => e.Text.Length));
        var copied = 0;
        foreach (var (offset, insert) in at)
        {
            result.Append(text, copied, offset - copied).Append(insert);
            copied = offset;
        }

        return result.Append(text, copied, text.Length - copied).ToString();
    }

    private static int Offset(SourceText source, int line, int column)
    {
        if (line < 1)
        {
            return 0;
        }

        if (line > source.LineCount)
        {
            return source.Text.Length;
        }

        return source.LineStart(line) + Math.Clamp(column - 1, 0, source.GetLine(line).Length);
    }

    private static (int Line, int Column) End(SourceText source) => (source.LineCount, source.GetLine(source.LineCount).Length + 1);

    // Headings of the ATX and setext kinds have a level a new heading can copy; pseudo-headings are written as level 2.
    private static int? LevelAt(List<Section> sections, int line) =>
        sections.FirstOrDefault(s => s.HeadingSpan.Line == line && s.Style is HeadingStyle.Atx or HeadingStyle.Setext)?.Level;

    private static string NewlineOf(string text) => text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
}
