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

/// <summary>
/// A number with a unit, e.g. "10M DAU", "200 ms", "50k QPS", "2 TB", "200 毫秒", "5억 명". <see cref="Value"/> is
/// the number with its multiplier applied, in milliseconds for a latency, seconds for a duration, bytes for storage and
/// as written otherwise (a count, an amount, a percent; a rate keeps its own period); null when it cannot be read.
/// </summary>
public readonly record struct Quantity(QuantityKind Kind, int Start, int Length, double? Value = null);

/// <summary>Recognises numbers with units in prose, English and CJK. Adjectives ("huge scale") never count.</summary>
public static partial class Quantities
{
    private static readonly FrozenDictionary<string, QuantityKind> Units = new Dictionary<string, QuantityKind>(StringComparer.Ordinal)
    {
        ["users"] = QuantityKind.Users, ["user"] = QuantityKind.Users, ["dau"] = QuantityKind.Users, ["mau"] = QuantityKind.Users,
        ["customers"] = QuantityKind.Users, ["accounts"] = QuantityKind.Users, ["members"] = QuantityKind.Users,
        ["viewers"] = QuantityKind.Users, ["subscribers"] = QuantityKind.Users, ["people"] = QuantityKind.Users,
        ["visitors"] = QuantityKind.Users, ["mailboxes"] = QuantityKind.Users, ["readers"] = QuantityKind.Users,
        ["players"] = QuantityKind.Users, ["shoppers"] = QuantityKind.Users, ["buyers"] = QuantityKind.Users, ["sellers"] = QuantityKind.Users,
        ["riders"] = QuantityKind.Users, ["drivers"] = QuantityKind.Users, ["listeners"] = QuantityKind.Users, ["students"] = QuantityKind.Users,
        ["patients"] = QuantityKind.Users, ["clients"] = QuantityKind.Users, ["profiles"] = QuantityKind.Users, ["merchants"] = QuantityKind.Users, ["advertisers"] = QuantityKind.Users,
        ["hosts"] = QuantityKind.Users, ["guests"] = QuantityKind.Users, ["creators"] = QuantityKind.Users,
        ["qps"] = QuantityKind.Throughput, ["rps"] = QuantityKind.Throughput, ["tps"] = QuantityKind.Throughput,
        ["requests"] = QuantityKind.Throughput, ["queries"] = QuantityKind.Throughput, ["predictions"] = QuantityKind.Throughput,
        ["req"] = QuantityKind.Throughput, ["inferences"] = QuantityKind.Throughput, ["lookups"] = QuantityKind.Throughput,
        ["ms"] = QuantityKind.Latency, ["msec"] = QuantityKind.Latency, ["millisecond"] = QuantityKind.Latency, ["milliseconds"] = QuantityKind.Latency,
        ["videos"] = QuantityKind.Items, ["items"] = QuantityKind.Items, ["posts"] = QuantityKind.Items, ["ads"] = QuantityKind.Items,
        ["listings"] = QuantityKind.Items, ["events"] = QuantityKind.Items, ["images"] = QuantityKind.Items, ["photos"] = QuantityKind.Items,
        ["documents"] = QuantityKind.Items, ["products"] = QuantityKind.Items, ["movies"] = QuantityKind.Items, ["emails"] = QuantityKind.Items,
        ["messages"] = QuantityKind.Items, ["msgs"] = QuantityKind.Items, ["tweets"] = QuantityKind.Items, ["transactions"] = QuantityKind.Items, ["payments"] = QuantityKind.Items, ["pages"] = QuantityKind.Items,
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

    /// <summary>Multipliers written after a number: "10M", "5 billion", "1.5k".</summary>
    private static readonly FrozenDictionary<string, double> Multipliers = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["k"] = 1e3, ["thousand"] = 1e3, ["m"] = 1e6, ["mm"] = 1e6, ["million"] = 1e6, ["millions"] = 1e6,
        ["b"] = 1e9, ["bn"] = 1e9, ["billion"] = 1e9, ["billions"] = 1e9, ["trillion"] = 1e12,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // The same tables looked up by a lower-cased word in a buffer, as the English reading holds its words.
    private static readonly FrozenDictionary<string, QuantityKind>.AlternateLookup<ReadOnlySpan<char>> UnitOf =
        Units.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> IsFiller = Fillers.GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenDictionary<string, double>.AlternateLookup<ReadOnlySpan<char>> MultiplierBySpan =
        Multipliers.GetAlternateLookup<ReadOnlySpan<char>>();

    public static Quantity[] Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Find(text.AsMemory());
    }

    /// <summary>The same for text read in place (a sentence inside its paragraph).</summary>
    public static Quantity[] Find(ReadOnlyMemory<char> memory)
    {
        var text = memory.Span;
        var found = t_found ??= [];
        found.Clear();

        // Every figure but one in words has a digit (the patterns' \d is any Unicode digit, as char.IsDigit is).
        var digits = HasDigit(text);
        if (digits)
        {
            foreach (var m in PercentOrMoney().EnumerateMatches(text))
            {
                var value = text.Slice(m.Index, m.Length);
                var kind = value.Contains('%') ? QuantityKind.Percent : QuantityKind.Money;
                found.Add(new Quantity(kind, m.Index, m.Length, Magnitude(text, m.Index + value.IndexOfAny(Digits), m.Index + m.Length, kind, [])));
            }
        }

        // A response time in words: "within half a second", "under two seconds", "a hundred milliseconds". Each says
        // "second", which most units do not: the pattern, whose first word may be "a", is not run on those.
        if (text.ContainsAny(Second))
        {
            foreach (var m in LatencyInWords().EnumerateMatches(text))
            {
                found.Add(new Quantity(QuantityKind.Latency, m.Index, m.Length, SpelledLatency(text.Slice(m.Index, m.Length).ToString())));
            }
        }

        // Numbers written with CJK units or multipliers, or glued to CJK text, which the English tokens below do not see.
        if (CjkQuantities.HasCjk(text))
        {
            found.AddRange(CjkQuantities.Find(text.ToString()));
        }

        // The English reading starts at a token that starts with an ASCII digit.
        if (digits)
        {
            English(memory, found);
        }

        return found.Count == 0 ? [] : [.. found];
    }

    private static bool HasDigit(ReadOnlySpan<char> text)
    {
        // ASCII digits by a vectorised search; a digit of another script only in text that has a character past ASCII.
        if (text.ContainsAnyInRange('0', '9'))
        {
            return true;
        }

        var other = text.IndexOfAnyExceptInRange('\0', '\u007F');
        if (other < 0)
        {
            return false;
        }

        foreach (var c in text[other..])
        {
            if (char.IsDigit(c))
            {
                return true;
            }
        }

        return false;
    }

    // The English reading of a number looks at most six words past it (a unit four words on, and two words after the
    // unit to tell a rate): only those are lower-cased, not every word of the unit.
    private const int Window = 7;

    private static void English(ReadOnlyMemory<char> memory, List<Quantity> found)
    {
        var text = memory.Span;
        var tokens = t_tokens ??= new FigureWords();
        // From digit to digit, not word to word: a word starting with one is read; one with a digit inside is passed.
        for (var at = 0; at < text.Length;)
        {
            var digit = text[at..].IndexOfAnyInRange('0', '9');
            if (digit < 0)
            {
                break;
            }

            var start = at + digit;
            if (start == 0 || !Words.IsWordChar(text[start - 1]))
            {
                tokens.Read(memory, start);
                EnglishAt(text, tokens, found);
            }

            at = start;
            while (at < text.Length && Words.IsWordChar(text[at]))
            {
                at++;
            }
        }
    }

    // The number that starts tokens[0], read with the words after it.
    private static void EnglishAt(ReadOnlySpan<char> text, FigureWords tokens, List<Quantity> found)
    {
        var word = tokens.Word(0);
        var start = tokens.Start(0);
        // "200ms", "10m", "50kqps": unit glued to the digits. A CJK particle may follow ("200ms以内", "10M users를");
        // a CJK unit or multiplier ("200毫秒", "1万") is the CJK reading's.
        var digits = 0;
        while (digits < word.Length && char.IsAsciiDigit(word[digits]))
        {
            digits++;
        }

        var glued = CjkQuantities.BeforeCjk(word[digits..]);
        if ((glued.Length == 0 && digits < word.Length) || CjkQuantities.IsCjkAt(text, NumberStart(text, start) - 1))
        {
            return;
        }

        if (glued.Length > 0 && !IsFiller.Contains(glued) && UnitOf.TryGetValue(glued, out var gluedKind))
        {
            var kind = Seconds(Refine(gluedKind, tokens, 0, text), glued, text, start);
            found.Add(new Quantity(kind, start, digits + glued.Length, Magnitude(text, start, start + digits, kind, glued)));
            return;
        }

        // "230k/s", "1.2M/day": a count over a period is a rate.
        if (tokens.Has(1) && IsPeriod.Contains(tokens.Word(1)) && SlashBefore(text, tokens.Start(1)))
        {
            found.Add(new Quantity(QuantityKind.Throughput, start, tokens.Start(1) + tokens.Word(1).Length - start,
                Magnitude(text, start, tokens.Start(1) - 1, QuantityKind.Throughput, [])));
            return;
        }

        // "60 per second", "2,000 a day": a bare count with a time unit is a rate.
        if (tokens.Has(2) && (tokens.Word(1) is "per" ? IsPeriod.Contains(tokens.Word(2)) : IsRate(tokens.Word(1), tokens.Word(2))))
        {
            found.Add(new Quantity(QuantityKind.Throughput, start, tokens.Start(2) + tokens.Word(2).Length - start,
                Magnitude(text, start, tokens.Start(1), QuantityKind.Throughput, [])));
            return;
        }

        for (var j = 1; j <= 4 && tokens.Has(j); j++)
        {
            var next = CjkQuantities.BeforeCjk(tokens.Word(j));
            if (UnitOf.TryGetValue(next, out var kind) && !(next is "b" or "m" or "s" or "h" && j > 1))
            {
                var end = tokens.Start(j) + next.Length;
                kind = Seconds(Refine(kind, tokens, j, text), next, text, start);
                found.Add(new Quantity(kind, start, end - start, Magnitude(text, start, tokens.Start(j), kind, next)));
                break;
            }

            if (next.Length < tokens.Word(j).Length || !IsFiller.Contains(next))
            {
                break;
            }
        }
    }

    // One unit's figures at a time, reused by the thread (most units have none).
    [ThreadStatic]
    private static List<Quantity>? t_found;

    // The window of words after one figure, reused by the thread.
    [ThreadStatic]
    private static FigureWords? t_tokens;

    // A figure's word and the words after it: found as they are asked for (a unit glued to the digits is told from the
    // first word alone), lower-cased (into buffers the thread keeps) only when read, as most figures are told from
    // their first two or three.
    private sealed class FigureWords
    {
        private readonly int[] _starts = new int[Window];
        private readonly int[] _ends = new int[Window];
        private readonly char[][] _lower = [.. Enumerable.Range(0, Window).Select(_ => new char[16])];
        private readonly int[] _lowered = new int[Window];
        private ReadOnlyMemory<char> _text;
        private int _count;
        private int _next;

        public int Start(int j) => _starts[j];

        public ReadOnlySpan<char> Word(int j)
        {
            if (_lowered[j] < 0)
            {
                var word = _text.Span[_starts[j].._ends[j]];
                if (_lower[j].Length < word.Length)
                {
                    _lower[j] = new char[word.Length];
                }

                _lowered[j] = Words.ToLower(word, _lower[j]);
            }

            return _lower[j].AsSpan(0, _lowered[j]);
        }

        /// <summary>Whether the figure has a j-th word (within <see cref="Window"/>), reading up to it.</summary>
        public bool Has(int j)
        {
            var text = _text.Span;
            while (_count <= j && _count < Window && _next >= 0)
            {
                if (Words.Next(text, ref _next, out var start))
                {
                    (_starts[_count], _ends[_count], _lowered[_count]) = (start, _next, -1);
                    _count++;
                }
                else
                {
                    _next = -1;
                }
            }

            return j < _count;
        }

        /// <summary>Starts at the figure's first word, which there always is (it starts with a digit).</summary>
        public void Read(ReadOnlyMemory<char> text, int from)
        {
            (_text, _count, _next) = (text, 0, from);
            Has(0);
        }
    }

    // "0.5 s for the first check" or "under 2 seconds" is a response time, not a span of time: a few seconds at most.
    private static QuantityKind Seconds(QuantityKind kind, ReadOnlySpan<char> unit, ReadOnlySpan<char> text, int start)
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

        return double.TryParse(text[from..to], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            && value < 5 ? QuantityKind.Latency : kind;
    }

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> IsPeriod =
        new[] { "second", "sec", "s", "minute", "min", "hour", "day", "week", "month", "year" }.ToFrozenSet(StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    // "a day", "a month", "an hour", "each second": what makes a count a rate.
    private static bool IsRate(ReadOnlySpan<char> first, ReadOnlySpan<char> second) =>
        first is "a" ? second is "second" or "minute" or "day" or "week" or "month" or "year"
        : first is "an" ? second is "hour"
        : first is "each" or "every" && second is "second" or "day";

    // "/" right before a token, spaces allowed: "230k/s", "5k req / s".
    private static bool SlashBefore(ReadOnlySpan<char> text, int tokenStart)
    {
        var k = tokenStart - 1;
        while (k >= 0 && text[k] == ' ')
        {
            k--;
        }

        return k >= 0 && text[k] == '/';
    }

    // "5M videos per day", "1B requests a day" or "20B msgs/day" is a rate.
    private static QuantityKind Refine(QuantityKind kind, FigureWords tokens, int unitIndex, ReadOnlySpan<char> text)
    {
        if (kind is QuantityKind.Items or QuantityKind.Throughput && tokens.Has(unitIndex + 1)
            && IsPeriod.Contains(tokens.Word(unitIndex + 1)) && SlashBefore(text, tokens.Start(unitIndex + 1)))
        {
            return QuantityKind.Throughput;
        }

        // "per" and a word after the unit, or a rate's two words ("a day").
        if (kind is QuantityKind.Items or QuantityKind.Throughput && tokens.Has(unitIndex + 2)
            && (tokens.Word(unitIndex + 1) is "per" || IsRate(tokens.Word(unitIndex + 1), tokens.Word(unitIndex + 2))))
        {
            return QuantityKind.Throughput;
        }

        return kind;
    }

    /// <summary>The kind a unit word gives a number ("users", "qps", "ms"), for units written after CJK multipliers.</summary>
    internal static bool TryUnit(string lowerWord, out QuantityKind kind) => Units.TryGetValue(lowerWord, out kind) && !Fillers.Contains(lowerWord);

    /// <summary>What an English multiplier word multiplies by ("k", "million"); 1 for any other word.</summary>
    internal static double MultiplierOf(string lowerWord) => Multipliers.GetValueOrDefault(lowerWord, 1);

    // "second" in any case, found as string.Contains with OrdinalIgnoreCase would, by a vectorised search (in invariant
    // globalization mode that Contains compares character by character).
    private static readonly System.Buffers.SearchValues<string> Second =
        System.Buffers.SearchValues.Create(["second"], StringComparison.OrdinalIgnoreCase);

    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789");

    /// <summary>
    /// The value of a number starting at <paramref name="start"/> (or just before it: "0.5" is tokenised "0" "5"), times
    /// the multipliers up to <paramref name="unitStart"/> ("10 million", "5k") and the scale of <paramref name="unit"/>.
    /// </summary>
    private static double? Magnitude(ReadOnlySpan<char> text, int start, int unitStart, QuantityKind kind, ReadOnlySpan<char> unit)
    {
        if (ReadNumber(text, start) is not (var value, var end))
        {
            return null;
        }

        // Multipliers glued to the digits or between them and the unit: "10M users", "5 billion requests", "$2.5M".
        // (None is longer than eight letters.)
        var between = text[..Math.Max(end, unitStart)];
        Span<char> lower = stackalloc char[16];
        for (var i = end; Words.Next(between, ref i, out var from);)
        {
            if (i - from <= lower.Length && MultiplierBySpan.TryGetValue(lower[..Words.ToLower(between[from..i], lower)], out var multiplier))
            {
                value *= multiplier;
            }
        }

        return value * Scale(kind, unit);
    }

    /// <summary>What one of a unit is worth in its kind's base: ms for a latency, s for a duration, bytes for storage.</summary>
    internal static double Scale(QuantityKind kind, ReadOnlySpan<char> unit) => kind switch
    {
        QuantityKind.Latency when unit is "s" or "sec" or "second" or "seconds" or "秒" or "초" => 1000,
        QuantityKind.Duration when unit is "minute" or "minutes" or "min" or "mins" => 60,
        QuantityKind.Duration when unit is "hour" or "hours" or "h" => 3600,
        QuantityKind.Duration when unit is "day" or "days" => 86_400,
        QuantityKind.Duration when unit is "weeks" => 604_800,
        QuantityKind.Duration when unit is "months" => 2_592_000,
        QuantityKind.Storage when unit is "kb" => 1e3,
        QuantityKind.Storage when unit is "mb" => 1e6,
        QuantityKind.Storage when unit is "gb" => 1e9,
        QuantityKind.Storage when unit is "tb" => 1e12,
        QuantityKind.Storage when unit is "pb" => 1e15,
        QuantityKind.Storage when unit is "kib" => 1024,
        QuantityKind.Storage when unit is "mib" => 1024d * 1024,
        QuantityKind.Storage when unit is "gib" => 1024d * 1024 * 1024,
        QuantityKind.Storage when unit is "tib" => 1024d * 1024 * 1024 * 1024,
        _ => 1,
    };

    /// <summary>
    /// The number that starts at or just before <paramref name="start"/>: digits, thousands groups ("2,000") and a
    /// decimal part ("0.5"); with the index after it.
    /// </summary>
    internal static (double Value, int End)? ReadNumber(ReadOnlySpan<char> text, int start)
    {
        // The first match, if it is where the number starts, read without its thousands separators.
        var from = NumberStart(text, start);
        var matches = Number().EnumerateMatches(text, from);
        if (!matches.MoveNext() || matches.Current.Index != from)
        {
            return null;
        }

        var number = text.Slice(from, matches.Current.Length);
        Span<char> digits = number.Length <= 64 ? stackalloc char[number.Length] : new char[number.Length];
        var length = 0;
        foreach (var c in number)
        {
            if (c != ',')
            {
                digits[length++] = c;
            }
        }

        return double.TryParse(digits[..length], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? (value, from + number.Length)
            : null;
    }

    // Back to the number's first digit: "0.5" and "2,000" are tokenised as two words.
    private static int NumberStart(ReadOnlySpan<char> text, int start)
    {
        var from = start;
        while (from > 0 && (char.IsAsciiDigit(text[from - 1]) || (text[from - 1] is '.' or ',' && from > 1 && char.IsAsciiDigit(text[from - 2]))))
        {
            from--;
        }

        return from;
    }

    // "half a second", "two seconds", "a hundred milliseconds" in ms.
    private static double? SpelledLatency(string words)
    {
        var w = Words.Tokenize(words).Select(t => t.Word).ToList();
        var count = w[0] switch
        {
            "half" => 0.5,
            "a" when w.Count > 1 && w[1] is "quarter" => 0.25,
            "a" when w.Count > 1 && w[1] is "tenth" => 0.1,
            "two" => 2,
            "three" => 3,
            "four" => 4,
            "five" => 5,
            _ => 1,
        };
        return w[^1].StartsWith("millisecond", StringComparison.Ordinal) ? count * 100 : count * 1000;
    }

    [GeneratedRegex(@"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex Number();

    [GeneratedRegex(@"\b(?:half\s+a|a\s+quarter\s+of\s+a|a\s+tenth\s+of\s+a|a|one|two|three|four)\s+seconds?\b|\b(?:a|one|two|three|four|five)\s+hundred\s+milliseconds?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LatencyInWords();

    [GeneratedRegex(@"(?:[$€£]\s?\d[\d,.]*\s?(?:[kmb]|bn|million|billion)?\b)|(?:\d[\d,.]*\s?%)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PercentOrMoney();
}
