using System.CommandLine;

namespace Grader.Cli.Lsp;

/// <summary>
/// <c>grader lsp [--rubrics DIR]... [--help-base URL] [--config FILE] [--no-config-lookup] [--ci] [--strict-config]
/// [--no-inline-suppressions]</c>: the language server on standard input and output, grading as <c>check</c> does.
/// </summary>
internal static class LspCommand
{
    public static Command Create(TextWriter stderr, Func<string, string?> environment)
    {
        var rubrics = new Option<string[]>("--rubrics") { Description = "A folder of extra rubrics (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        var helpBase = new Option<Uri?>("--help-base")
        {
            Description = "Absolute URL where docs/rules is published, for the rule links of findings",
            CustomParser = LlmOptions.AbsoluteUri,
        };
        var trust = TrustOptions.Create();
        var command = new Command("lsp", "Serve findings, scores and fixes to an editor over the Language Server Protocol (stdio)") { rubrics, helpBase };
        trust.AddTo(command);
        command.SetAction(parse =>
        {
            var settings = new LspSettings(parse.GetValue(rubrics) ?? [], parse.GetValue(helpBase), trust.Read(parse, environment, gateOnCommandLine: false));
            using var input = Console.OpenStandardInput();
            using var output = Console.OpenStandardOutput();
            try
            {
                return LanguageServer.RunAsync(input, output, settings).GetAwaiter().GetResult();
            }
            catch (IOException ex)
            {
                stderr.WriteLine($"grader: error: the editor's connection failed: {ex.Message}");
                return ExitCodes.BadInput;
            }
        });
        return command;
    }
}
