using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;

namespace Grader.Core.Text;

/// <summary>
/// Numbers with units written the Chinese, Japanese or Korean way: "200毫秒", "200밀리초", "200ミリ秒", "1.5秒",
/// "1万 QPS", "5억 명", "10亿个视频", "每秒1万次请求", and English units glued to CJK text ("延迟200ms以内"). Multipliers
/// multiply together, so "1千万" and "1천만" are ten million.
/// </summary>
internal static partial class CjkQuantities
{
    private static readonly FrozenDictionary<char, double> Multipliers = new Dictionary<char, double>
    {
        ['十'] = 10, ['百'] = 100, ['千'] = 1e3, ['万'] = 1e4, ['萬'] = 1e4, ['亿'] = 1e8, ['億'] = 1e8, ['兆'] = 1e12,
        ['십'] = 10, ['백'] = 100, ['천'] = 1e3, ['만'] = 1e4, ['억'] = 1e8, ['조'] = 1e12,
    }.ToFrozenDictionary();

    public static IEnumerable<Quantity> Find(string text)
    {
        if (!HasCjk(text))
        {
            yield break;
        }

        foreach (Match m in Figure().Matches(text))
        {
            var number = m.Groups["num"];
            var multiplier = m.Groups["mult"];
            if (Quantities.ReadNumber(text, number.Index) is not (var value, _))
            {
                continue;
            }

            foreach (var c in multiplier.Value)
            {
                value *= Multipliers[c];
            }

            var rate = AfterRateWord(text, number.Index);
            QuantityKind kind;
            if (m.Groups["ms"].Success)
            {
                kind = QuantityKind.Latency;
            }
            else if (m.Groups["sec"].Success)
            {
                // As in English: a few seconds is a response time, more is a span of time.
                kind = value < 5 ? QuantityKind.Latency : QuantityKind.Duration;
                value *= kind == QuantityKind.Latency ? 1000 : 1;
            }
            else if (m.Groups["users"].Success)
            {
                kind = QuantityKind.Users;
            }
            else if (m.Groups["requests"].Success || (m.Groups["times"].Success && (multiplier.Success || rate)))
            {
                kind = QuantityKind.Throughput;
            }
            else if (m.Groups["items"].Success)
            {
                kind = rate ? QuantityKind.Throughput : QuantityKind.Items;
            }
            else if (m.Groups["latin"] is { Success: true } latin && Quantities.TryUnit(latin.Value.ToLowerInvariant(), out var unitKind)
                && (multiplier.Success || IsCjkAt(text, number.Index - 1)))
            {
                // An English unit after a CJK multiplier, or after a number glued to CJK text ("最大15M users"), which
                // English tokens do not split off.
                var unit = latin.Value.ToLowerInvariant();
                value *= Quantities.MultiplierOf(m.Groups["emult"].Value.ToLowerInvariant());
                kind = unitKind == QuantityKind.Duration && unit is ("s" or "sec" or "second" or "seconds") && value < 5 ? QuantityKind.Latency : unitKind;
                value *= Quantities.Scale(kind, unit);
            }
            else
            {
                continue;
            }

            yield return new Quantity(kind, m.Index, m.Length, value);
        }
    }

    /// <summary>True when the text holds a Han, kana or Hangul letter.</summary>
    public static bool HasCjk(ReadOnlySpan<char> text)
    {
        // No Han, kana or Hangul block starts below U+1100 or lies between U+1200 and U+303F: most text is settled
        // by two vectorised scans, without decoding a letter.
        if (!text.ContainsAnyInRange('\u1100', '\u11FF') && !text.ContainsAnyInRange('\u3040', '\uFFFF'))
        {
            return false;
        }

        foreach (var rune in text.EnumerateRunes())
        {
            if (!rune.IsAscii && IsCjk(rune))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The part of a word before its first Han, kana or Hangul letter: "ms" of "ms以内", "users" of "users를".</summary>
    public static ReadOnlySpan<char> BeforeCjk(ReadOnlySpan<char> word)
    {
        var end = 0;
        while (end < word.Length && !IsCjk(word[end]))
        {
            end++;
        }

        return word[..end];
    }

    /// <summary>True when the character at <paramref name="index"/> is a Han, kana or Hangul letter (false outside the text).</summary>
    public static bool IsCjkAt(ReadOnlySpan<char> text, int index) => index >= 0 && index < text.Length && IsCjk(text[index]);

    private static bool IsCjk(char c) => c > 0x7F && !char.IsSurrogate(c) && IsCjk(new Rune(c));

    private static bool IsCjk(Rune rune) => Scripts.Of(rune) is Script.Han or Script.Kana or Script.Hangul;

    // A number not inside another, an optional multiplier, then a unit: time, people, requests, counters, or an English word.
    [GeneratedRegex(@"(?<![\d.,])(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?)\s?(?<mult>[十百千万萬亿億兆십백천만억조]{1,3})?\s?"
        + @"(?:(?<ms>毫秒|밀리초|ミリ秒)|(?<sec>秒|초)"
        + @"|(?<users>(?:名|位|个)?(?:日活跃?用户|活跃用户|用户|用戶)|日活|人|名|명|사용자|유저|ユーザー)"
        + @"|(?<requests>次请求|次查询|次调用|请求|查询|요청|쿼리|リクエスト|クエリ)|(?<times>次)"
        + @"|(?<items>个|個|条|條|件|개|건)|(?:(?<emult>[kKmMbB]|bn|mm|thousand|million|billion)\s)?(?<latin>[A-Za-z]+(?![A-Za-z])))",
        RegexOptions.CultureInvariant)]
    private static partial Regex Figure();

    // "每秒" / "초당" / "毎秒" (per second), "每天" / "하루" (a day) just before the number make a count a rate.
    private static readonly string[] RateWords = ["每秒", "每天", "每日", "每分钟", "초당", "하루", "하루에", "일일", "毎秒", "毎日"];

    private static bool AfterRateWord(string text, int index)
    {
        var before = text.AsSpan(0, index).TrimEnd();
        foreach (var word in RateWords)
        {
            if (before.EndsWith(word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
