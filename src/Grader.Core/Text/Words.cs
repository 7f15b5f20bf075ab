using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;

namespace Grader.Core.Text;

/// <summary>Word tokens: runs of letters and digits. Hyphens, slashes and '@' separate, so "two-tower" is two words.</summary>
public static class Words
{
    public static int Count(ReadOnlySpan<char> text) => Count(text, int.MaxValue);

    /// <summary>True when <paramref name="text"/> has more than <paramref name="most"/> words, counted only that far.</summary>
    public static bool MoreThan(ReadOnlySpan<char> text, int most) => most < int.MaxValue && Count(text, most + 1) > most;

    // Words as Count counts them ("don't" is one), up to `stop`. ASCII text, as most is, sixteen characters at a time (a
    // branch per character on the word state was mispredicted at nearly every word's edge); where an apostrophe may
    // carry a word on, and past the last sixteen, one at a time without that branch.
    private static int Count(ReadOnlySpan<char> text, int stop)
    {
        var count = 0;
        var inWord = 0;
        var i = 0;
        if (text.Length >= Block && Ascii.IsValid(text))
        {
            for (; i + Block <= text.Length && count < stop; i += Block)
            {
                var (word, apostrophe) = Classify(text.Slice(i, Block));
                if (apostrophe == 0)
                {
                    // A word starts where a word character follows none (or a word carried on from before).
                    count += BitOperations.PopCount(word & ~((word << 1) | (uint)inWord));
                    inWord = (int)(word >> (Block - 1));
                }
                else
                {
                    CountEach(text.Slice(i, Block), int.MaxValue, ref count, ref inWord);
                }
            }
        }

        CountEach(text[i..], stop, ref count, ref inWord);
        return Math.Min(count, stop);
    }

    private static void CountEach(ReadOnlySpan<char> text, int stop, ref int count, ref int inWord)
    {
        foreach (var c in text)
        {
            var isWord = IsWordCharBit(c);
            count += isWord & ~inWord;
            if (count >= stop)
            {
                break;
            }

            inWord = isWord | (inWord & (c == '\'' ? 1 : 0));
        }
    }

    private const int Block = 16;

    /// <summary>How many ASCII letters <paramref name="text"/> holds, eight characters at a time.</summary>
    public static int CountAsciiLetters(ReadOnlySpan<char> text)
    {
        var chars = MemoryMarshal.Cast<char, ushort>(text);
        var count = 0;
        var i = 0;
        for (; i + 8 <= chars.Length; i += 8)
        {
            // Lower-cased by setting 0x20: only 'A'..'Z' land on 'a'..'z'.
            var v = Vector128.Create(chars.Slice(i, 8)) | Vector128.Create((ushort)0x20);
            count += BitOperations.PopCount(InRange(v, 'a', 'z').ExtractMostSignificantBits());
        }

        foreach (var c in text[i..])
        {
            count += char.IsAsciiLetter(c) ? 1 : 0;
        }

        return count;
    }

    /// <summary>Whether a lower-case ASCII letter stands right before an upper-case one ("getUser"), eight pairs at a time.</summary>
    public static bool HasCamelCase(ReadOnlySpan<char> text)
    {
        var chars = MemoryMarshal.Cast<char, ushort>(text);
        var i = 0;
        for (; i + 9 <= chars.Length; i += 8)
        {
            var lower = InRange(Vector128.Create(chars.Slice(i, 8)), 'a', 'z');
            var upper = InRange(Vector128.Create(chars.Slice(i + 1, 8)), 'A', 'Z');
            if ((lower & upper) != Vector128<ushort>.Zero)
            {
                return true;
            }
        }

        for (; i + 1 < text.Length; i++)
        {
            if (char.IsAsciiLetterLower(text[i]) && char.IsAsciiLetterUpper(text[i + 1]))
            {
                return true;
            }
        }

        return false;
    }

    // Per character, all ones when it lies in first..last: one unsigned compare after subtracting first.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<ushort> InRange(Vector128<ushort> chars, char first, char last) =>
        Vector128.LessThan(chars - Vector128.Create((ushort)first), Vector128.Create((ushort)(last - first + 1)));

    // Sixteen ASCII characters' bits: which are letters or digits, and which are apostrophes.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (uint Word, uint Apostrophe) Classify(ReadOnlySpan<char> sixteen)
    {
        var chars = MemoryMarshal.Cast<char, ushort>(sixteen);
        var bytes = Vector128.Narrow(Vector128.Create(chars[..8]), Vector128.Create(chars[8..]));
        var letter = Vector128.LessThan((bytes | Vector128.Create((byte)0x20)) - Vector128.Create((byte)'a'), Vector128.Create((byte)26));
        var digit = Vector128.LessThan(bytes - Vector128.Create((byte)'0'), Vector128.Create((byte)10));
        return ((letter | digit).ExtractMostSignificantBits(), Vector128.Equals(bytes, Vector128.Create((byte)'\'')).ExtractMostSignificantBits());
    }

    // 1 for an ASCII letter or digit.
    private static ReadOnlySpan<byte> AsciiWordChars =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    ];

    /// <summary>
    /// Every word of <paramref name="text"/> at once, as <see cref="Next"/> finds them one by one: word k is
    /// [edges[2k], edges[2k + 1]). <paramref name="edges"/> holds at least text.Length + 1. Returns the number of words.
    /// </summary>
    public static int Bounds(ReadOnlySpan<char> text, Span<int> edges)
    {
        // ASCII text sixteen characters at a time, as in Count: each edge found from the bits, no branch per character
        // (one per word's edge was mispredicted at nearly every one). Otherwise each character's index is written, and
        // kept when a word starts or ends there.
        _ = edges[text.Length];
        var count = 0;
        var before = 0;
        var i = 0;
        if (text.Length >= Block && Ascii.IsValid(text))
        {
            for (; i + Block <= text.Length; i += Block)
            {
                var (word, _) = Classify(text.Slice(i, Block));
                var changes = (word ^ ((word << 1) | (uint)before)) & ((1u << Block) - 1);
                for (; changes != 0; changes &= changes - 1)
                {
                    edges[count++] = i + BitOperations.TrailingZeroCount(changes);
                }

                before = (int)(word >> (Block - 1));
            }
        }

        for (; i < text.Length; i++)
        {
            var isWord = IsWordCharBit(text[i]);
            edges[count] = i;
            count += isWord ^ before;
            before = isWord;
        }

        edges[count] = text.Length;
        return (count + before) / 2;
    }

    /// <summary>Lower-case word tokens with their start offsets in <paramref name="text"/>.</summary>
    public static List<(string Word, int Start)> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<(string Word, int Start)>();
        var i = 0;
        while (Next(text, ref i, out var start))
        {
            tokens.Add((Stemmer.Lower(text.AsSpan(start, i - start)), start));
        }

        return tokens;
    }

    /// <summary>Moves <paramref name="i"/> past the next word of <paramref name="text"/>, which starts at <paramref name="start"/>; false when none is left.</summary>
    public static bool Next(ReadOnlySpan<char> text, ref int i, out int start)
    {
        while (i < text.Length && !IsWordChar(text[i]))
        {
            i++;
        }

        start = i;
        while (i < text.Length && IsWordChar(text[i]))
        {
            i++;
        }

        return i > start;
    }

    // Asked of every character of every unit several times over: the ASCII test inline, the rest in a call.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWordChar(char c) => c <= 0x7F ? char.IsAsciiLetterOrDigit(c) : IsNonAsciiWordChar(c);

    /// <summary><see cref="IsWordChar"/> as 1 or 0, for loops that count or mark without branching on it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int IsWordCharBit(char c) => c < 128 ? AsciiWordChars[c] : (IsNonAsciiWordChar(c) ? 1 : 0);

    private static bool IsNonAsciiWordChar(char c) =>
        char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    /// <summary>
    /// <paramref name="word"/> lower-cased into <paramref name="destination"/> (at least as long) as
    /// <see cref="MemoryExtensions.ToLowerInvariant"/> does; ASCII, as most words are, by the faster ASCII routine.
    /// </summary>
    public static int ToLower(ReadOnlySpan<char> word, Span<char> destination) =>
        Ascii.ToLower(word, destination, out var written) == OperationStatus.Done ? written : word.ToLowerInvariant(destination);

    /// <summary>True when most letters are outside Latin script (e.g. Korean): English function-word tests do not apply.</summary>
    public static bool IsMostlyNonLatin(string text)
    {
        int latin = 0, other = 0;
        foreach (var c in text)
        {
            if (!char.IsLetter(c))
            {
                continue;
            }

            if (c < 0x250)
            {
                latin++;
            }
            else
            {
                other++;
            }
        }

        return other > latin;
    }
}
