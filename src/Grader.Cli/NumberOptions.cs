using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace Grader.Cli;

/// <summary>
/// Numeric option values read with a range and a plain message ("--jobs must be a whole number from 1 to 256, got
/// '0'"), never a .NET type name, and never a value the run cannot use (no jobs, a 0 MB limit, a score of 150).
/// </summary>
internal static class NumberOptions
{
    public static T Parse<T>(ArgumentResult result, T min, T max, string what)
        where T : INumber<T>
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        var styles = typeof(T) == typeof(int) ? NumberStyles.Integer : NumberStyles.Float;
        if (T.TryParse(text, styles, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max && T.IsFinite(value))
        {
            return value;
        }

        result.AddError(string.Create(CultureInfo.InvariantCulture, $"{OptionName(result)} must be {what} from {min} to {max}, got '{Core.Reporting.UntrustedText.Visible(text)}'"));
        return min;
    }

    private static string OptionName(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : "the value";
}
