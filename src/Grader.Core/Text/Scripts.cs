using System.Text;

namespace Grader.Core.Text;

/// <summary>The writing systems Grader tells apart. Han and kana are kept apart: kana is what marks Japanese.</summary>
public enum Script
{
    Other,
    Latin,
    Greek,
    Cyrillic,
    Armenian,
    Hebrew,
    Arabic,
    Devanagari,
    Bengali,
    Tamil,
    Thai,
    Georgian,
    Hangul,
    Kana,
    Han,
}

/// <summary>The script of a letter, from Unicode block ranges (the letter categories come from the runtime).</summary>
public static class Scripts
{
    // (first, last, script), sorted by first code point; ranges may hold non-letters, which Of filters out first.
    private static readonly (int First, int Last, Script Script)[] Blocks =
    [
        (0x0041, 0x024F, Script.Latin),
        (0x0370, 0x03FF, Script.Greek),
        (0x0400, 0x052F, Script.Cyrillic),
        (0x0530, 0x058F, Script.Armenian),
        (0x0590, 0x05FF, Script.Hebrew),
        (0x0600, 0x06FF, Script.Arabic),
        (0x0750, 0x077F, Script.Arabic),
        (0x08A0, 0x08FF, Script.Arabic),
        (0x0900, 0x097F, Script.Devanagari),
        (0x0980, 0x09FF, Script.Bengali),
        (0x0B80, 0x0BFF, Script.Tamil),
        (0x0E00, 0x0E7F, Script.Thai),
        (0x10A0, 0x10FF, Script.Georgian),
        (0x1100, 0x11FF, Script.Hangul),
        (0x1C80, 0x1C8F, Script.Cyrillic),
        (0x1E00, 0x1EFF, Script.Latin),
        (0x1F00, 0x1FFF, Script.Greek),
        (0x2DE0, 0x2DFF, Script.Cyrillic),
        (0x3040, 0x30FF, Script.Kana),
        (0x3130, 0x318F, Script.Hangul),
        (0x31F0, 0x31FF, Script.Kana),
        (0x3400, 0x4DBF, Script.Han),
        (0x4E00, 0x9FFF, Script.Han),
        (0xA640, 0xA69F, Script.Cyrillic),
        (0xAC00, 0xD7AF, Script.Hangul),
        (0xF900, 0xFAFF, Script.Han),
        (0xFB1D, 0xFB4F, Script.Hebrew),
        (0xFB50, 0xFDFF, Script.Arabic),
        (0xFE70, 0xFEFF, Script.Arabic),
        (0xFF21, 0xFF5A, Script.Latin),
        (0xFF66, 0xFF9F, Script.Kana),
        (0x20000, 0x3134F, Script.Han),
    ];

    /// <summary>The script of a letter; <see cref="Script.Other"/> for anything that is not a letter or not in a known block.</summary>
    public static Script Of(Rune rune)
    {
        if (!Rune.IsLetter(rune))
        {
            return Script.Other;
        }

        var value = rune.Value;
        int lo = 0, hi = Blocks.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (value < Blocks[mid].First)
            {
                hi = mid - 1;
            }
            else if (value > Blocks[mid].Last)
            {
                lo = mid + 1;
            }
            else
            {
                return Blocks[mid].Script;
            }
        }

        return Script.Other;
    }
}
