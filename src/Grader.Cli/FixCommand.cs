using System.CommandLine;
using System.Text;
using System.Text.Unicode;
using Grader.Core.Configuration;
using Grader.Core.Fixes;
using Grader.Core.Reporting;

namespace Grader.Cli;

/// <summary>
/// <c>grader fix FILE... [--dry-run]</c>: applies the safe fixes the language server offers that need no judgement:
/// each missing step's skeleton where framework order puts it, and front matter naming the detected problem.
/// Suppressions are left to the editor: each needs a reason only the author can give.
/// </summary>
internal static class FixCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, Func<string, string?> environment)
    {
        var files = new Argument<string[]>("FILE") { Description = "Answer files to fix in place", Arity = ArgumentArity.OneOrMore };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the changes as a unified diff instead of writing them" };
        var rubrics = new Option<string[]>("--rubrics") { Description = "A folder of extra rubrics (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        var maxSize = CheckCommand.MaxSize();
        var trust = TrustOptions.Create();
        var command = new Command("fix", "Insert missing steps' skeletons and front matter naming the detected problem") { files, dryRun, rubrics, maxSize };
        trust.AddTo(command);
        command.SetAction(parse => Run(
            parse.GetValue(files)!, parse.GetValue(dryRun), parse.GetValue(rubrics) ?? [], (long)(parse.GetValue(maxSize) * 1048576),
            trust.Read(parse, environment, gateOnCommandLine: false), stdout, stderr));
        return command;
    }

    private static int Run(string[] files, bool dryRun, string[] rubrics, long maxBytes, TrustSettings trust, TextWriter stdout, TextWriter stderr)
    {
        var resolver = new ConfigResolver(trust.Policy);
        var batch = new BatchGrader(rubrics, resolver);
        var exit = ExitCodes.Graded;
        foreach (var file in files)
        {
            var shown = UntrustedText.Visible(file);
            var (items, setupErrors) = batch.Prepare([file]);
            foreach (var notice in resolver.Notices)
            {
                stderr.WriteLine(UntrustedText.Visible((notice with { File = TrustOptions.Shown(notice.File) }).ToString()));
            }

            if (setupErrors.Count > 0 || items.Count == 0)
            {
                setupErrors.ForEach(e => stderr.WriteLine(UntrustedText.Visible(e)));
                return ExitCodes.BadInput;
            }

            var (text, encoding, error) = Read(file, maxBytes);
            if (text is null)
            {
                stderr.WriteLine($"grader: error: {shown}: {UntrustedText.Visible(error)}");
                exit = ExitCodes.BadInput;
                continue;
            }

            var item = items[0];
            var result = item.Engine.Grade(file, text, null, item.Config);
            var fixes = item.Engine.Catalog.TryGet(result.Problem.Id, out var rubric) ? SafeFixes.Structural(result, rubric) : [];
            if (fixes.IsEmpty)
            {
                stdout.WriteLine($"{shown}: nothing to fix");
                continue;
            }

            var fixedText = SafeFixes.Apply(text, fixes.SelectMany(f => f.Edits));
            if (dryRun)
            {
                stdout.Write(UnifiedDiff.Of(TrustOptions.Shown(file), text, fixedText));
                continue;
            }

            Core.IO.AtomicFile.Write(file, [.. encoding!.GetPreamble(), .. encoding.GetBytes(fixedText)]);
            stdout.WriteLine($"{shown}: {string.Join("; ", fixes.Select(f => UntrustedText.Visible(f.Title)))}");
        }

        return exit;
    }

    /// <summary>The answer's text and the encoding to write it back in (its byte-order mark kept), or why it will not be rewritten.</summary>
    private static (string? Text, Encoding? Encoding, string? Error) Read(string file, long maxBytes)
    {
        var (text, error) = AnswerReader.Read(file, maxBytes);
        if (text is null)
        {
            return (null, null, error!.Message);
        }

        ReadOnlySpan<byte> head;
        try
        {
            head = File.ReadAllBytes(file);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, null, "cannot be read");
        }

        Encoding encoding = head switch
        {
            [0xFF, 0xFE, 0, 0, ..] => new UTF32Encoding(bigEndian: false, byteOrderMark: true),
            [0, 0, 0xFE, 0xFF, ..] => new UTF32Encoding(bigEndian: true, byteOrderMark: true),
            [0xFF, 0xFE, ..] => new UnicodeEncoding(bigEndian: false, byteOrderMark: true),
            [0xFE, 0xFF, ..] => new UnicodeEncoding(bigEndian: true, byteOrderMark: true),
            [0xEF, 0xBB, 0xBF, ..] => new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
            _ => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        };

        // Writing back text that was decoded with replacement characters would destroy the bytes they replaced.
        return encoding is UTF8Encoding && !Utf8.IsValid(head)
            ? (null, null, "is not valid UTF-8; Grader does not rewrite it (fix the encoding first)")
            : (text, encoding, null);
    }
}
