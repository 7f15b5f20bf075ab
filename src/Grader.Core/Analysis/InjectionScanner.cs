using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using Grader.Core.Parsing;

namespace Grader.Core.Analysis;

/// <summary>Text addressed to an automated grader, where it was found, and what it looked like.</summary>
public sealed record InjectionHit(SourceSpan Span, string Kind, string Excerpt);

/// <summary>
/// Finds text that speaks to a grader or a language model instead of answering the question. It reads the raw
/// source, HTML comments included, with zero-width and bidirectional control characters removed first so that
/// "ig\u200Bnore previous instructions" is still seen.
/// </summary>
public static partial class InjectionScanner
{
    private static readonly (string Kind, Regex Pattern)[] Patterns =
    [
        ("override", OverrideInstructions()),
        ("score-request", ScoreRequest()),
        ("role-play", RolePlay()),
        ("grader-note", GraderNote()),
        ("fake-score", FakeScore()),
        ("chat-markup", ChatMarkup()),
    ];

    public static ImmutableArray<InjectionHit> Scan(SourceText source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var (visible, map, hidden) = StripInvisible(source.Text);
        var hits = new List<InjectionHit>();
        var seenLines = new HashSet<int>();
        foreach (var (kind, pattern) in Patterns)
        {
            foreach (var match in SafeMatches(pattern, visible))
            {
                var span = source.GetSpan(map[match.Index], map[match.Index + match.Length - 1]);
                if (seenLines.Add(span.Line))
                {
                    var excerpt = visible.Substring(match.Index, Math.Min(match.Length, 80)).ReplaceLineEndings(" ");
                    hits.Add(new InjectionHit(span, kind, excerpt));
                }
            }
        }

        // Hidden characters inside words are themselves a sign of an attempt to slip text past a reader.
        if (hidden.Count >= 3)
        {
            var span = source.GetSpan(hidden[0], hidden[0]);
            if (seenLines.Add(span.Line))
            {
                hits.Add(new InjectionHit(span, "hidden-characters", $"{hidden.Count} zero-width or bidirectional control characters"));
            }
        }

        return [.. hits.OrderBy(h => h.Span.Line).ThenBy(h => h.Span.Column)];
    }

    private static readonly System.Buffers.SearchValues<char> Invisible = System.Buffers.SearchValues.Create(
        "\u200B\u200C\u200D\u2060\uFEFF\u00AD\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    private static int[] Identity(int length)
    {
        var map = new int[length + 1];
        for (var i = 0; i <= length; i++)
        {
            map[i] = i;
        }

        return map;
    }

    private static List<(int Index, int Length)> SafeMatches(Regex pattern, string text)
    {
        var matches = new List<(int, int)>();
        try
        {
            foreach (var match in pattern.EnumerateMatches(text))
            {
                matches.Add((match.Index, match.Length));
            }
        }
        catch (RegexMatchTimeoutException)
        {
            // Keep what was found before the timeout.
        }

        return matches;
    }

    private static (string Visible, int[] Map, List<int> Hidden) StripInvisible(string text)
    {
        // Almost every answer has no invisible characters: then the visible text is the text itself.
        if (text.AsSpan().IndexOfAny(Invisible) < 0)
        {
            return (text, Identity(text.Length), []);
        }

        var builder = new StringBuilder(text.Length);
        var map = new List<int>(text.Length);
        var hidden = new List<int>();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069'))
            {
                hidden.Add(i);
                continue;
            }

            builder.Append(c);
            map.Add(i);
        }

        map.Add(text.Length);
        return (builder.ToString(), [.. map], hidden);
    }

    // Source-generated, so nothing is built at start-up. The patterns have no nested quantifiers, and the timeout is a
    // safety net: an answer that somehow triggers it is scanned no further rather than hanging a batch.
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;
    private const int TimeoutMs = 1000;

    [GeneratedRegex(@"\b(?:ignore|disregard|forget|override|bypass)\s+(?:all\s+|any\s+)?(?:of\s+)?(?:the\s+|your\s+|these\s+|those\s+)?(?:previous|prior|above|earlier|preceding|other|original|system|grading)\s+(?:instructions?|prompts?|rules|guidelines|rubrics?|criteria|directions)", Options, TimeoutMs)]
    private static partial Regex OverrideInstructions();

    [GeneratedRegex(@"\b(?:give|award|assign|grant|score|rate|grade|mark)\s+(?:this|the|my|me|it)\s+(?:answer|response|submission|essay|solution|design|candidate\s+)?\s*(?:a\s+|an\s+)?(?:full|maximum|max|perfect|top|highest|100|10\s*/\s*10|100\s*/\s*100|an?\s+a\+?|excellent|strong)\b|\b(?:deserves|should\s+(?:get|receive|be\s+given)|merits)\s+(?:a\s+)?(?:full|maximum|perfect|top|the\s+highest|100)\s*(?:marks?|scores?|points|grades?|%)?", Options, TimeoutMs)]
    private static partial Regex ScoreRequest();

    [GeneratedRegex(@"\b(?:you\s+are\s+(?:now\s+)?|act\s+as\s+|pretend\s+to\s+be\s+|as\s+an?\s+)(?:an?\s+)?(?:ai|llm|large\s+language\s+model|language\s+model|chatbot|grader|grading\s+(?:system|model|assistant|bot)|evaluator|automated\s+(?:grader|reviewer))\b", Options, TimeoutMs)]
    private static partial Regex RolePlay();

    [GeneratedRegex(@"\b(?:note|message|instructions?)\s+(?:to|for)\s+(?:the\s+)?(?:ai|llm|grader|grading\s+(?:system|model|tool)|evaluator|automated\s+(?:grader|reviewer)|language\s+model)\b|\b(?:grader|evaluator|llm|ai|grading)\s+(?:note|instructions?|override)\s*:|\b(?:system\s+prompt|developer\s+message)\b", Options, TimeoutMs)]
    private static partial Regex GraderNote();

    [GeneratedRegex(@"[""'](?:score|total|grade|points|band|rating)[""']\s*:\s*[""']?(?:100|[0-9]{2,3}(?:\.[0-9]+)?|strong|excellent|a\+?)", Options, TimeoutMs)]
    private static partial Regex FakeScore();

    [GeneratedRegex(@"<\|(?:im_start|im_end|system|endoftext)\|>|\[/?INST\]|<</?SYS>>", Options, TimeoutMs)]
    private static partial Regex ChatMarkup();
}
