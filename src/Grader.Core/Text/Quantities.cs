using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Grader.Core.Text;

public enum QuantityKind
{
    Users,
    Throughput,
    Latency,
    Items,
    Storage,
    Money,
    Percent,
    Duration,
}

/// <summary>A number with a unit, e.g. "10M DAU", "200 ms", "50k QPS", "2 TB".</summary>
public readonly record struct Quantity(QuantityKind Kind, int Start, int Length);

/// <summary>Recognises numbers with units in prose. Adjectives ("huge scale") never count.</summary>
public static partial class Quantities
{
    private static readonly FrozenDictionary<string, QuantityKind> Units = new Dictionary<string, QuantityKind>(StringComparer.Ordinal)
    {
        ["users"] = QuantityKind.Users, ["user"] = QuantityKind.Users, ["dau"] = QuantityKind.Users, ["mau"] = QuantityKind.Users,
        ["customers"] = QuantityKind.Users, ["accounts"] = QuantityKind.Users, ["members"] = QuantityKind.Users,
        ["viewers"] = QuantityKind.Users, ["subscribers"] = QuantityKind.Users, ["people"] = QuantityKind.Users,
        ["visitors"] = QuantityKind.Users, ["merchants"] = QuantityKind.Users, ["advertisers"] = QuantityKind.Users,
        ["hosts"] = QuantityKind.Users, ["guests"] = QuantityKind.Users, ["creators"] = QuantityKind.Users,
        ["qps"] = QuantityKind.Throughput, ["rps"] = QuantityKind.Throughput, ["tps"] = QuantityKind.Throughput,
        ["requests"] = QuantityKind.Throughput, ["queries"] = QuantityKind.Throughput, ["predictions"] = QuantityKind.Throughput,
        ["req"] = QuantityKind.Throughput, ["inferences"] = QuantityKind.Throughput, ["lookups"] = QuantityKind.Throughput,
        ["ms"] = QuantityKind.Latency, ["msec"] = QuantityKind.Latency, ["millisecond"] = QuantityKind.Latency, ["milliseconds"] = QuantityKind.Latency,
        ["videos"] = QuantityKind.Items, ["items"] = QuantityKind.Items, ["posts"] = QuantityKind.Items, ["ads"] = QuantityKind.Items,
        ["listings"] = QuantityKind.Items, ["events"] = QuantityKind.Items, ["images"] = QuantityKind.Items, ["photos"] = QuantityKind.Items,
        ["documents"] = QuantityKind.Items, ["products"] = QuantityKind.Items, ["movies"] = QuantityKind.Items, ["emails"] = QuantityKind.Items,
        ["messages"] = QuantityKind.Items, ["transactions"] = QuantityKind.Items, ["payments"] = QuantityKind.Items, ["pages"] = QuantityKind.Items,
        ["candidates"] = QuantityKind.Items, ["impressions"] = QuantityKind.Items, ["clicks"] = QuantityKind.Items, ["comments"] = QuantityKind.Items,
        ["panoramas"] = QuantityKind.Items, ["searches"] = QuantityKind.Throughput,
        ["uploads"] = QuantityKind.Items, ["edges"] = QuantityKind.Items, ["nodes"] = QuantityKind.Items, ["connections"] = QuantityKind.Items, ["rows"] = QuantityKind.Items,
        ["examples"] = QuantityKind.Items, ["samples"] = QuantityKind.Items, ["records"] = QuantityKind.Items, ["frames"] = QuantityKind.Items,
        ["b"] = QuantityKind.Storage, ["kb"] = QuantityKind.Storage, ["mb"] = QuantityKind.Storage, ["gb"] = QuantityKind.Storage,
        ["tb"] = QuantityKind.Storage, ["pb"] = QuantityKind.Storage, ["bytes"] = QuantityKind.Storage,
        ["kib"] = QuantityKind.Storage, ["mib"] = QuantityKind.Storage, ["gib"] = QuantityKind.Storage, ["tib"] = QuantityKind.Storage,
        ["usd"] = QuantityKind.Money, ["dollars"] = QuantityKind.Money, ["eur"] = QuantityKind.Money,
        ["seconds"] = QuantityKind.Duration, ["second"] = QuantityKind.Duration, ["sec"] = QuantityKind.Duration, ["s"] = QuantityKind.Duration,
        ["minutes"] = QuantityKind.Duration, ["minute"] = QuantityKind.Duration, ["min"] = QuantityKind.Duration, ["mins"] = QuantityKind.Duration,
        ["hours"] = QuantityKind.Duration, ["hour"] = QuantityKind.Duration, ["h"] = QuantityKind.Duration, ["days"] = QuantityKind.Duration,
        ["day"] = QuantityKind.Duration, ["weeks"] = QuantityKind.Duration, ["months"] = QuantityKind.Duration,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Words allowed between the number and its unit: "10 million daily active users", "5k new videos per day".
    private static readonly FrozenSet<string> Fillers = new[]
    {
        "k", "m", "mm", "b", "bn", "thousand", "million", "millions", "billion", "billions", "trillion", "daily", "monthly",
        "weekly", "active", "new", "total", "unique", "concurrent", "peak", "average", "about", "around", "over", "of", "p99", "p95", "p50",
        "candidate", "user", "video", "ad", "search", "feed", "ranking", "registered", "labelled", "labeled", "training",
    }.ToFrozenSet(StringComparer.Ordinal);

    public static IEnumerable<Quantity> Find(string text)
    {
        foreach (Match m in PercentOrMoney().Matches(text))
        {
            yield return new Quantity(m.Value.Contains('%', StringComparison.Ordinal) ? QuantityKind.Percent : QuantityKind.Money, m.Index, m.Length);
        }

        // A response time in words: "within half a second", "under two seconds", "a hundred milliseconds".
        foreach (Match m in LatencyInWords().Matches(text))
        {
            yield return new Quantity(QuantityKind.Latency, m.Index, m.Length);
        }

        var tokens = Words.Tokenize(text);
        for (var i = 0; i < tokens.Count; i++)
        {
            var (word, start) = tokens[i];
            if (!char.IsAsciiDigit(word[0]))
            {
                continue;
            }

            // "200ms", "10m", "50kqps": unit glued to the digits.
            var digits = 0;
            while (digits < word.Length && char.IsAsciiDigit(word[digits]))
            {
                digits++;
            }

            var glued = word[digits..];
            if (glued.Length > 0 && !Fillers.Contains(glued) && Units.TryGetValue(glued, out var gluedKind))
            {
                yield return new Quantity(Seconds(Refine(gluedKind, tokens, i), glued, text, start), start, word.Length);
                continue;
            }

            // "60 per second", "2,000 a day": a bare count with a time unit is a rate.
            if (i + 2 < tokens.Count && (tokens[i + 1].Word == "per" ? Periods.Contains(tokens[i + 2].Word)
                : IsRate($"{tokens[i + 1].Word} {tokens[i + 2].Word}")))
            {
                yield return new Quantity(QuantityKind.Throughput, start, tokens[i + 2].Start + tokens[i + 2].Word.Length - start);
                continue;
            }

            for (var j = i + 1; j < tokens.Count && j <= i + 4; j++)
            {
                var next = tokens[j].Word;
                if (Units.TryGetValue(next, out var kind) && !(next is "b" or "m" or "s" or "h" && j > i + 1))
                {
                    var end = tokens[j].Start + next.Length;
                    yield return new Quantity(Seconds(Refine(kind, tokens, j), next, text, start), start, end - start);
                    break;
                }

                if (!Fillers.Contains(next))
                {
                    break;
                }
            }
        }
    }

    // "0.5 s for the first check" or "under 2 seconds" is a response time, not a span of time: a few seconds at most.
    private static QuantityKind Seconds(QuantityKind kind, string unit, string text, int start)
    {
        if (kind != QuantityKind.Duration || unit is not ("s" or "sec" or "second" or "seconds"))
        {
            return kind;
        }

        // The number may start before this token: "0.5" is read as "0" "." "5".
        var from = start;
        while (from > 0 && (char.IsAsciiDigit(text[from - 1]) || (text[from - 1] == '.' && from > 1 && char.IsAsciiDigit(text[from - 2]))))
        {
            from--;
        }

        var to = start;
        while (to < text.Length && char.IsAsciiDigit(text[to]))
        {
            to++;
        }

        return double.TryParse(text.AsSpan(from, to - from), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value < 5 ? QuantityKind.Latency : kind;
    }

    private static readonly FrozenSet<string> Periods = new[] { "second", "sec", "s", "minute", "min", "hour", "day", "week", "month", "year" }
        .ToFrozenSet(StringComparer.Ordinal);

    // "a day", "a month", "an hour", "each second": what makes a count a rate.
    private static bool IsRate(string words) => words is "a second" or "a minute" or "an hour" or "a day" or "a week" or "a month"
        or "a year" or "each second" or "each day" or "every second" or "every day";

    // "5M videos per day" or "1B requests a day" is a rate.
    private static QuantityKind Refine(QuantityKind kind, List<(string Word, int Start)> tokens, int unitIndex)
    {
        if (kind is QuantityKind.Items or QuantityKind.Throughput && unitIndex + 2 < tokens.Count + 1)
        {
            var after = string.Join(' ', tokens.Skip(unitIndex + 1).Take(2).Select(t => t.Word));
            if (after.StartsWith("per ", StringComparison.Ordinal) || IsRate(after))
            {
                return QuantityKind.Throughput;
            }
        }

        return kind;
    }

    [GeneratedRegex(@"\b(?:half\s+a|a\s+quarter\s+of\s+a|a\s+tenth\s+of\s+a|a|one|two|three|four)\s+seconds?\b|\b(?:a|one|two|three|four|five)\s+hundred\s+milliseconds?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LatencyInWords();

    [GeneratedRegex(@"(?:[$€£]\s?\d[\d,.]*\s?(?:[kmb]|bn|million|billion)?\b)|(?:\d[\d,.]*\s?%)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PercentOrMoney();
}
