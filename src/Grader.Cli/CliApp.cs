using System.CommandLine;

namespace Grader.Cli;

/// <summary>
/// The command tree. Usage errors exit 2, like unreadable input; the writers and the environment variables the
/// commands read for their mode (CI) are injectable for tests.
/// </summary>
internal static class CliApp
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, Func<string, string?>? environment = null)
    {
        var root = new RootCommand("Grader: grades written answers to ML system design questions.")
        {
            CheckCommand.Create(stdout, stderr, environment ?? Environment.GetEnvironmentVariable),
            RubricsCommand.Create(stdout, stderr),
            ExplainCommand.Create(stdout, stderr),
            InitCommand.Create(stdout, stderr),
            CompareCommand.Create(stdout, stderr),
            HistoryCommand.Create(stdout, stderr),
        };
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"grader: error: {error.Message}");
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
            stderr.WriteLine($"grader: internal error: {ex.GetType().Name}: {ex.Message} This is a bug in Grader; please report it with the command and input that caused it.");
            return ExitCodes.InternalError;
        }
    }
}
