using System.CommandLine;
using System.Reflection;

namespace Grader.Cli;

/// <summary>
/// The command tree. Usage errors exit 2, like unreadable input; the writers, standard input and the environment
/// variables the commands read for their mode (CI, NO_COLOR) are injectable for tests.
/// </summary>
internal static class CliApp
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?>? environment = null, Stream? stdin = null)
    {
        var root = new RootCommand("Grader: grades written answers to ML system design questions.")
        {
            CheckCommand.Create(stdout, stderr, environment ?? Environment.GetEnvironmentVariable, stdin),
            RubricsCommand.Create(stdout, stderr, environment ?? Environment.GetEnvironmentVariable),
            ExplainCommand.Create(stdout, stderr, environment ?? Environment.GetEnvironmentVariable),
            InitCommand.Create(stdout, stderr, environment ?? Environment.GetEnvironmentVariable),
            CompareCommand.Create(stdout, stderr, environment ?? Environment.GetEnvironmentVariable),
            HistoryCommand.Create(stdout, stderr, environment ?? Environment.GetEnvironmentVariable),
            FixCommand.Create(stdout, stderr, environment ?? Environment.GetEnvironmentVariable),
            Lsp.LspCommand.Create(stderr, environment ?? Environment.GetEnvironmentVariable),
        };
        var version = root.Options.OfType<VersionOption>().Single();
        version.Action = new PrintVersion(stdout);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                // The message may quote an argument, which may be a hostile file name: one line, no control characters.
                var message = error.Message.ReplaceLineEndings("\n").Replace("\n\t", " ", StringComparison.Ordinal);
                stderr.WriteLine($"grader: error: {Core.Reporting.UntrustedText.Visible(message)}");
            }

            stderr.WriteLine("Run 'grader --help' for usage.");
            return ExitCodes.BadInput;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
#pragma warning disable CA1031 // The last line of defence: a bug in Grader gets one line and its own exit code, not a stack trace.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            stderr.WriteLine($"grader: internal error: {ex.GetType().Name}: {Core.Reporting.UntrustedText.Visible(ex.Message)} This is a bug in Grader; please report it with the command and input that caused it.");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>The version and the commit the binary was built from (when it was built from a git checkout).</summary>
    private sealed class PrintVersion(TextWriter stdout) : System.CommandLine.Invocation.SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var commit = typeof(CliApp).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "SourceRevisionId")?.Value;
            stdout.WriteLine(commit is { Length: > 0 } ? $"{Core.Reporting.ToolInfo.Version} (commit {commit[..Math.Min(12, commit.Length)]})" : Core.Reporting.ToolInfo.Version);
            return 0;
        }
    }
}
