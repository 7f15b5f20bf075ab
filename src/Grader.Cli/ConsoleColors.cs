using System.CommandLine;
using Spectre.Console;

namespace Grader.Cli;

/// <summary>
/// <c>--color auto|always|never</c> for the console report. Auto colours only a report bound for a terminal that
/// Spectre.Console finds can show it, and never with <c>NO_COLOR</c> set to anything but "" (no-color.org), in CI
/// mode (<c>--ci</c> or <c>CI</c>), or for <c>TERM=dumb</c>. The option overrides all of that, as no-color.org asks.
/// </summary>
internal static class ConsoleColors
{
    public static Option<string> Create()
    {
        var option = new Option<string>("--color")
        {
            Description = "Colour the console report's tables: auto (on a terminal, unless NO_COLOR or CI is set), always or never",
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong("auto", "always", "never");
        return option;
    }

    /// <param name="mode">The --color value.</param>
    /// <param name="toTerminal">Whether the report goes to the process's own standard output, which is a terminal.</param>
    /// <param name="ciMode">--ci, or the CI variable.</param>
    /// <param name="environment">Reads NO_COLOR and TERM.</param>
    /// <param name="terminalShowsAnsi">Spectre.Console's view of the terminal; asked only when all else allows colour.</param>
    public static bool Use(string mode, bool toTerminal, bool ciMode, Func<string, string?> environment, Func<bool>? terminalShowsAnsi = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return mode switch
        {
            "always" => true,
            "never" => false,
            _ => toTerminal && !ciMode && string.IsNullOrEmpty(environment("NO_COLOR")) && environment("TERM") != "dumb"
                && (terminalShowsAnsi ?? (() => AnsiConsole.Profile.Capabilities.Ansi))(),
        };
    }
}
