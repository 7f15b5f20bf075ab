using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Grader.Core.Rubrics;

/// <summary>
/// Rubric regular expressions: compiled once per process for each timeout and shared across threads and engines. The
/// non-backtracking engine runs in time linear in the input, so no rubric pattern can hang a batch.
/// </summary>
public static class RubricRegex
{
    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    private static readonly ConcurrentDictionary<(TimeSpan Timeout, string Pattern), Lazy<Regex>> Cache = new();

    /// <summary>Null when the pattern compiles; otherwise what is wrong and what to write instead.</summary>
    public static string? Check(string pattern)
    {
        try
        {
            _ = new Regex(pattern, Options);
            return null;
        }
        catch (NotSupportedException)
        {
            return "uses a construct the linear-time engine cannot run (backreferences, lookarounds, atomic groups); rewrite it without them";
        }
        catch (ArgumentException ex)
        {
            return $"is not a valid regular expression ({ex.Message.Split('\n')[0].TrimEnd('.')}); escape special characters with a backslash";
        }
    }

    /// <summary>A checked pattern, compiled to give up after <paramref name="matchTimeout"/> per match (see <see cref="GradingOptions"/>).</summary>
    public static Regex Get(string pattern, TimeSpan matchTimeout) =>
        Cache.GetOrAdd((matchTimeout, pattern), key => new Lazy<Regex>(() => new Regex(key.Pattern, Options, key.Timeout))).Value;
}
