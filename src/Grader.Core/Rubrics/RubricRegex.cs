using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Grader.Core.Rubrics;

/// <summary>
/// Rubric regular expressions: compiled once per process and shared across threads. The non-backtracking engine
/// runs in time linear in the input, so no rubric pattern can hang a batch.
/// </summary>
public static class RubricRegex
{
    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    private static readonly ConcurrentDictionary<string, Lazy<Regex>> Cache = new(StringComparer.Ordinal);

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

    /// <summary>How long one match may run before the criterion gives up and says so (tests shorten it).</summary>
    public static TimeSpan MatchTimeout { get; internal set; } = TimeSpan.FromSeconds(2);

    public static Regex Get(string pattern) =>
        Cache.GetOrAdd($"{MatchTimeout.Ticks}:{pattern}", _ => new Lazy<Regex>(() => new Regex(pattern, Options, MatchTimeout))).Value;
}
