using System.Buffers;
using System.Collections.Frozen;
using System.Net;
using System.Text;

namespace Grader.Core.Text;

/// <summary>
/// Text as a reader sees it, for matching what an author may have disguised: compatibility forms folded (NFKC:
/// fullwidth letters, ligatures), HTML entities decoded ("&amp;#73;gnore"), Unicode tag characters read as the ASCII they
/// encode, look-alike Cyrillic and Greek letters folded to Latin, Markdown emphasis and code marks dropped
/// ("Ig**nore**"), and invisible characters removed. Each output character maps back to the source offset it came from.
/// </summary>
public static class Normalizer
{
    /// <summary>The normalised text, each of its characters' source offsets (plus one past the end), and how many invisible characters were dropped.</summary>
    public readonly record struct Result(string Text, int[] Map, List<int> Hidden);

    // Letters that look like Latin ones in common fonts: the usual way to slip "іgnore" past a word list.
    private static readonly FrozenDictionary<char, char> LookAlikes = new Dictionary<char, char>
    {
        ['а'] = 'a', ['е'] = 'e', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c', ['у'] = 'y', ['х'] = 'x', ['і'] = 'i', ['ј'] = 'j',
        ['ѕ'] = 's', ['һ'] = 'h', ['ԁ'] = 'd', ['ɡ'] = 'g', ['А'] = 'A', ['В'] = 'B', ['Е'] = 'E', ['К'] = 'K', ['М'] = 'M',
        ['Н'] = 'H', ['О'] = 'O', ['Р'] = 'P', ['С'] = 'C', ['Т'] = 'T', ['Х'] = 'X', ['І'] = 'I', ['Ѕ'] = 'S',
        ['ο'] = 'o', ['α'] = 'a', ['ε'] = 'e', ['ι'] = 'i', ['κ'] = 'k', ['ν'] = 'v', ['ρ'] = 'p', ['τ'] = 't', ['υ'] = 'u',
        ['Α'] = 'A', ['Β'] = 'B', ['Ε'] = 'E', ['Ι'] = 'I', ['Κ'] = 'K', ['Μ'] = 'M', ['Ν'] = 'N', ['Ο'] = 'O', ['Ρ'] = 'P',
        ['Τ'] = 'T', ['Χ'] = 'X', ['Υ'] = 'Y', ['Ζ'] = 'Z',
    }.ToFrozenDictionary();

    // ASCII that normalising leaves alone: all of it but the start of an entity and the emphasis and code marks.
    private static readonly SearchValues<char> PlainAscii =
        SearchValues.Create(string.Concat(Enumerable.Range(0, 128).Select(c => (char)c).Where(c => c is not ('&' or '*' or '_' or '~' or '`'))));

    public static Result Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var map = new List<int>(text.Length + 1);
        var hidden = new List<int>();
        var visible = Run(text, map, hidden);
        map.Add(text.Length);
        return new Result(visible, [.. map], hidden);
    }

    /// <summary>
    /// The normalised text alone, and the offsets of the invisible characters dropped: what a scan that rarely finds
    /// anything needs (<see cref="Normalize"/> gives the same text with its offset map, for the rare hit).
    /// </summary>
    public static string NormalizeText(string text, List<int> hidden)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(hidden);
        return Run(text, null, hidden);
    }

    /// <summary>
    /// The same in a buffer lent from the shared pool until disposed: the injection scan reads every answer's whole
    /// text once, and a string of it was 31 of the 414 KB grading a typical answer allocated.
    /// </summary>
    internal static LentText NormalizeLent(string text, List<int> hidden)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(hidden);
        var chars = Run(text, null, hidden, out var length);
        return new LentText(chars, length);
    }

    /// <summary>Text in a pooled buffer, given back when disposed.</summary>
    internal readonly struct LentText(char[] buffer, int length) : IDisposable
    {
        public ReadOnlySpan<char> Text => buffer.AsSpan(0, length);

        public void Dispose() => ArrayPool<char>.Shared.Return(buffer);
    }

    private static string Run(string text, List<int>? map, List<int> hidden)
    {
        var chars = Run(text, map, hidden, out var length);
        var result = new string(chars, 0, length);
        ArrayPool<char>.Shared.Return(chars);
        return result;
    }

    // The normalised text in a buffer rented from the shared pool, which the caller returns.
    private static char[] Run(string text, List<int>? map, List<int> hidden, out int written)
    {
        var chars = ArrayPool<char>.Shared.Rent(Math.Max(16, text.Length));
        var length = 0;
        for (var i = 0; i < text.Length; i++)
        {
            // Most text is plain ASCII, which stays as it is: a run of it up to the next character that may change
            // (an entity, an emphasis or code mark, anything beyond ASCII) is found by a vectorised search and copied.
            var run = text.AsSpan(i).IndexOfAnyExcept(PlainAscii);
            run = run < 0 ? text.Length - i : run;
            if (run > 0)
            {
                AppendRun(i, run);
                i += run;
                if (i == text.Length)
                {
                    break;
                }
            }

            var c = text[i];

            // Tag characters (U+E0020-E007E) spell ASCII invisibly; read them, and count them as hidden.
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var code = char.ConvertToUtf32(c, text[i + 1]);
                if (code is >= 0xE0000 and <= 0xE007F)
                {
                    hidden.Add(i);
                    if (code is >= 0xE0020 and <= 0xE007E)
                    {
                        Append((char)(code - 0xE0000), i);
                    }

                    i++;
                    continue;
                }

                if (code is >= 0xE0100 and <= 0xE01EF)
                {
                    hidden.Add(i);
                    i++;
                    continue;
                }
            }

            if (IsInvisible(c))
            {
                hidden.Add(i);
                continue;
            }

            if (c == '&' && DecodeEntity(text, i) is { } entity)
            {
                foreach (var e in entity.Value)
                {
                    Append(e, i);
                }

                i += entity.Length - 1;
                continue;
            }

            if (c is '*' or '_' or '~' or '`')
            {
                continue;
            }

            if (c < 0x80)
            {
                Append(c, i);
                continue;
            }

            if (LookAlikes.TryGetValue(c, out var latin))
            {
                Append(latin, i);
                continue;
            }

            var folded = char.IsSurrogate(c) ? c.ToString() : c.ToString().Normalize(NormalizationForm.FormKC);
            foreach (var f in folded)
            {
                Append(f, i);
            }
        }

        written = length;
        return chars;

        void AppendRun(int start, int count)
        {
            if (length + count > chars.Length)
            {
                var larger = ArrayPool<char>.Shared.Rent(Math.Max(chars.Length * 2, length + count));
                chars.AsSpan(0, length).CopyTo(larger);
                ArrayPool<char>.Shared.Return(chars);
                chars = larger;
            }

            text.AsSpan(start, count).CopyTo(chars.AsSpan(length));
            length += count;
            if (map is not null)
            {
                for (var k = start; k < start + count; k++)
                {
                    map.Add(k);
                }
            }
        }

        void Append(char c, int source)
        {
            if (length == chars.Length)
            {
                var larger = ArrayPool<char>.Shared.Rent(chars.Length * 2);
                chars.AsSpan(0, length).CopyTo(larger);
                ArrayPool<char>.Shared.Return(chars);
                chars = larger;
            }

            chars[length++] = c;
            map?.Add(source);
        }
    }

    /// <summary>Zero-width, joiner, bidirectional control, soft hyphen, variation selector and other format characters.</summary>
    public static bool IsInvisible(char c) =>
        c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD' or '\u180E' or '\u034F'
            or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or (>= '\u2061' and <= '\u2064')
            or (>= '\uFE00' and <= '\uFE0F') or '\u061C' or '\u115F' or '\u1160' or '\u3164' or '\uFFA0';

    // "&#73;", "&#x49;", "&amp;": the decoded text and how many source characters it spans; null if not an entity.
    private static (string Value, int Length)? DecodeEntity(string text, int start)
    {
        var end = text.IndexOf(';', start + 1, Math.Min(12, text.Length - start - 1));
        if (end < 0)
        {
            return null;
        }

        var candidate = text[start..(end + 1)];
        var decoded = WebUtility.HtmlDecode(candidate);
        return decoded == candidate ? null : (decoded, candidate.Length);
    }
}
