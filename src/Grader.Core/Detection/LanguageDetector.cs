using System.Buffers;
using System.Text;
using Grader.Core.Parsing;
using Grader.Core.Text;

namespace Grader.Core.Detection;

/// <summary>
/// The language other than English that holds the largest share of an answer's prose letters (null when none does),
/// and how many letters of prose there were. <see cref="IsUnread"/> when it holds enough for the rubrics, which read
/// English, to have nothing to grade.
/// </summary>
public sealed record LanguageResult(string? Name, double Share, int Letters)
{
    public bool IsUnread => Name is not null && Letters >= LanguageDetector.MinLetters && Share >= LanguageDetector.MinShare;
}

/// <summary>
/// Tells English answers from answers written in another language. Letters are counted per Unicode script over prose,
/// headings, list items and table rows, without code, URLs and tables of numbers. A non-Latin script must hold
/// <see cref="MinShare"/> of the letters, so English with Chinese names or Korean terms reads as English. Latin-script
/// prose is told apart by function words, sentence by sentence: a sentence is foreign when words such as "de", "und",
/// "que" outnumber English ones two to one; such sentences must hold the same share, backed by
/// <see cref="MinForeignWords"/> foreign function words and three times as many as English ones over the answer.
/// </summary>
public static class LanguageDetector
{
    /// <summary>Share of the prose's letters one unread language must hold.</summary>
    public const double MinShare = 0.6;

    /// <summary>Below this many letters of prose there is too little to tell.</summary>
    public const int MinLetters = 80;

    /// <summary>Foreign function words a Latin-script answer needs before it is called foreign at all.</summary>
    public const int MinForeignWords = 10;

    /// <summary>Share of the Han and kana letters that must be kana for CJK text to be Japanese rather than Chinese.</summary>
    public const double JapaneseKanaShare = 0.1;

    private static readonly int ScriptCount = Enum.GetValues<Script>().Length;

    public static LanguageResult Detect(DesignDocument document) => Tally(document, stopWhenRead: false);

    /// <summary>
    /// What <see cref="Detect"/> gives when it <see cref="LanguageResult.IsUnread"/>, else null; it stops reading once no
    /// language can reach <see cref="MinShare"/>, as in most English answers about half way.
    /// </summary>
    public static LanguageResult? DetectUnread(DesignDocument document) => Tally(document, stopWhenRead: true) is { IsUnread: true } unread ? unread : null;

    // Letters by script and function words, unit by unit. Only one candidate can hold MinShare (more than half): with
    // `stopWhenRead`, reading stops once none can reach it even if every character left were its letter (a unit's
    // length bounds its prose letters), as in most English answers, and what it returns is then not unread either.
    private static LanguageResult Tally(DesignDocument document, bool stopWhenRead)
    {
        ArgumentNullException.ThrowIfNull(document);
        var byScript = new long[ScriptCount];
        var byLatin = new long[LatinLanguages.Languages.Length];
        long total = 0, nonLatin = 0, foreignLatin = 0, foreignWords = 0, englishWords = 0, left = 0;
        foreach (var unit in document.Units)
        {
            left += unit.Content.Length;
        }

        var counts = new int[ScriptCount];
        foreach (var unit in document.Units)
        {
            if (stopWhenRead && (double)(Math.Max(foreignLatin, nonLatin) + left) / (total + left) < MinShare)
            {
                break;
            }

            left -= unit.Content.Length;
            var text = Prose(unit).Span;
            if (text.Length == 0)
            {
                continue;
            }

            Array.Clear(counts);
            if (!text.ContainsAnyExceptInRange('\0', '\u007F'))
            {
                // ASCII only, as most English is: its letters are Latin, counted without decoding runes.
                counts[(int)Script.Latin] = Words.CountAsciiLetters(text);
            }
            else
            {
                foreach (var rune in text.EnumerateRunes())
                {
                    if (rune.IsAscii)
                    {
                        counts[(int)Script.Latin] += char.IsAsciiLetter((char)rune.Value) ? 1 : 0;
                    }
                    else if (Rune.IsLetter(rune))
                    {
                        counts[(int)Scripts.Of(rune)]++;
                    }
                }
            }

            for (var s = 0; s < ScriptCount; s++)
            {
                total += counts[s];
                if (s != (int)Script.Latin)
                {
                    byScript[s] += counts[s];
                    nonLatin += counts[s];
                }
            }

            var latin = counts[(int)Script.Latin];
            if (latin == 0)
            {
                continue;
            }

            // A sentence's Latin letters are foreign when its grammar is: foreign function words two to one.
            var (english, foreign, language) = FunctionWordsIn(text);
            englishWords += english;
            if (foreign >= 2 && foreign > 2 * english)
            {
                byLatin[language] += latin;
                foreignLatin += latin;
                foreignWords += foreign;
            }
        }

        // Kanji alone reads as Chinese; kana beside it makes the whole CJK text Japanese.
        var han = byScript[(int)Script.Han];
        var kana = byScript[(int)Script.Kana];
        var candidates = new List<(string Name, long Letters)>
        {
            kana > 0 && kana >= JapaneseKanaShare * (han + kana) ? ("Japanese (kana and kanji)", han + kana) : ("Chinese (Han script)", han),
        };

        for (var s = 0; s < ScriptCount; s++)
        {
            if ((Script)s is not (Script.Latin or Script.Han or Script.Kana))
            {
                candidates.Add((NameOf((Script)s), byScript[s]));
            }
        }

        if (foreignWords >= MinForeignWords && foreignWords >= 3 * englishWords)
        {
            candidates.AddRange(LatinLanguages.Languages.Select((l, i) => (l.Name, byLatin[i])));
        }

        var top = candidates.OrderByDescending(c => c.Letters).First();
        return top.Letters == 0
            ? new LanguageResult(null, 0, (int)Math.Min(int.MaxValue, total))
            : new LanguageResult(top.Name, (double)top.Letters / total, (int)Math.Min(int.MaxValue, total));
    }

    private static (int English, int Foreign, int Language) FunctionWordsIn(ReadOnlySpan<char> text)
    {
        int english = 0, foreign = 0;
        Span<int> hits = stackalloc int[LatinLanguages.Languages.Length];
        Span<char> lower = stackalloc char[LatinLanguages.LongestWord];
        var edges = ArrayPool<int>.Shared.Rent(text.Length + 1);
        var count = Words.Bounds(text, edges);
        for (var k = 0; k < count; k++)
        {
            var (start, end) = (edges[2 * k], edges[(2 * k) + 1]);
            if (!LatinLanguages.MayBeFunctionWord(text[start..end]))
            {
                continue;
            }

            var word = lower[..(end - start)];
            Words.ToLower(text[start..end], word);
            if (LatinLanguages.IsEnglish(word))
            {
                english++;
            }
            else if (LatinLanguages.IsForeign(word))
            {
                foreign++;
                for (var l = 0; l < hits.Length; l++)
                {
                    hits[l] += LatinLanguages.IsWordOf(l, word) ? 1 : 0;
                }
            }
        }

        ArrayPool<int>.Shared.Return(edges);

        // Ties go to the language listed first.
        var best = 0;
        for (var l = 1; l < hits.Length; l++)
        {
            best = hits[l] > hits[best] ? l : best;
        }

        return (english, foreign, best);
    }

    // The unit's text without URLs and code-shaped tokens; empty for a table row of numbers.
    private static ReadOnlyMemory<char> Prose(TextUnit unit)
    {
        if (unit.Kind == UnitKind.TableRow)
        {
            int digits = 0, letters = 0;
            foreach (var c in unit.Content.Span)
            {
                digits += char.IsDigit(c) ? 1 : 0;
                letters += char.IsLetter(c) ? 1 : 0;
            }

            if (digits >= letters)
            {
                return ReadOnlyMemory<char>.Empty;
            }
        }

        // Each run of printable ASCII (a word with its punctuation) that is a URL or shaped like code becomes a space.
        // Copied only from the first such run on: most units have none, and are read as they are, told by one look
        // over the whole unit for what those tests need.
        var text = unit.Content.Span;
        if (!MayHoldUrlOrCode(text))
        {
            return unit.Content;
        }

        StringBuilder? prose = null;
        var copied = 0;
        for (var i = 0; i < text.Length;)
        {
            if (text[i] is < '!' or > '~')
            {
                i++;
                continue;
            }

            var end = i;
            while (end < text.Length && text[end] is >= '!' and <= '~')
            {
                end++;
            }

            var run = text[i..end];
            if (MayBeUrlOrCode(run) && IsUrlOrCode(run))
            {
                (prose ??= new StringBuilder(text.Length)).Append(text[copied..i]).Append(' ');
                copied = end;
            }

            i = end;
        }

        return prose is null ? unit.Content : prose.Append(text[copied..]).ToString().AsMemory();
    }

    /// <summary>
    /// False when no run of <paramref name="text"/> can be a URL or code (<see cref="IsUrlOrCode"/>): none of the code
    /// marks, no "::" or ":/", no letter or digit before "(", no letter after "." nor "www" before it, and no lower-case
    /// letter before an upper-case one. Most prose has none ("Goal:", "(by recency)" and "10.5 ms" pass; "e.g." does not).
    /// </summary>
    internal static bool MayHoldUrlOrCode(ReadOnlySpan<char> text)
    {
        if (text.ContainsAny(CodeMarks))
        {
            return true;
        }

        for (var from = 0; text[from..].IndexOfAny(Joints) is var k and >= 0; from += k + 1)
        {
            var at = from + k;
            var next = at + 1 < text.Length ? text[at + 1] : '\0';
            var joined = text[at] switch
            {
                ':' => next is ':' or '/',
                '(' => at > 0 && char.IsAsciiLetterOrDigit(text[at - 1]),
                _ => char.IsAsciiLetter(next) || (at >= 3 && text[(at - 3)..at].Equals("www", StringComparison.OrdinalIgnoreCase)),
            };
            if (joined)
            {
                return true;
            }
        }

        return Words.HasCamelCase(text);
    }

    private static readonly SearchValues<char> Joints = SearchValues.Create(":(.");

    // A run with none of these marks is neither a URL ("://", "www." both hold one) nor code: most runs are plain words,
    // and skip the tests below.
    internal static bool MayBeUrlOrCode(ReadOnlySpan<char> run) => run.ContainsAny(UrlOrCodeMarks);

    internal static bool IsUrlOrCode(ReadOnlySpan<char> run) => IsUrl(run) || IsCode(run);

    private static bool IsUrl(ReadOnlySpan<char> run) =>
        run.Contains("://", StringComparison.Ordinal) || run.StartsWith("www.", StringComparison.OrdinalIgnoreCase);

    // snake_case, a::b, a = b, <tag>, {x}, f(x), a.method, camelCase.
    private static bool IsCode(ReadOnlySpan<char> run)
    {
        if (run.ContainsAny(CodeMarks) || run.Contains("::", StringComparison.Ordinal))
        {
            return true;
        }

        for (var k = 1; k < run.Length; k++)
        {
            var (a, b) = (run[k - 1], run[k]);
            if ((b == '(' && char.IsAsciiLetterOrDigit(a)) || (char.IsAsciiLetterLower(a) && char.IsAsciiLetterUpper(b))
                || (a == '.' && k > 1 && char.IsAsciiLetter(run[k - 2]) && k + 1 < run.Length && char.IsAsciiLetter(b) && char.IsAsciiLetter(run[k + 1])))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly System.Buffers.SearchValues<char> CodeMarks = System.Buffers.SearchValues.Create("_={}<>\\;`");

    private static readonly System.Buffers.SearchValues<char> UrlOrCodeMarks =
        System.Buffers.SearchValues.Create("_={}<>\\;`:(.ABCDEFGHIJKLMNOPQRSTUVWXYZ");

    private static string NameOf(Script script) => script switch
    {
        Script.Hangul => "Korean (Hangul)",
        Script.Cyrillic => "Cyrillic script (e.g. Russian, Ukrainian)",
        Script.Greek => "Greek",
        Script.Arabic => "Arabic script (e.g. Arabic, Persian, Urdu)",
        Script.Hebrew => "Hebrew",
        Script.Devanagari => "Devanagari script (e.g. Hindi, Marathi)",
        Script.Bengali => "Bengali",
        Script.Tamil => "Tamil",
        Script.Thai => "Thai",
        Script.Georgian => "Georgian",
        Script.Armenian => "Armenian",
        _ => "a script Grader does not recognise",
    };

}
