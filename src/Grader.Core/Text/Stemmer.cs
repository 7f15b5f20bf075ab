namespace Grader.Core.Text;

/// <summary>
/// A deliberately small suffix stripper so that "labels", "labelled" and "labeling" meet. Terms and text go through
/// the same function, so consistency matters more than linguistic accuracy.
/// </summary>
public static class Stemmer
{
    /// <summary>Stems of every word token of <paramref name="text"/>, lower-cased, in order.</summary>
    public static string[] StemAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stems = new List<string>(text.Length / 5);
        var i = 0;
        while (Words.Next(text, ref i, out var start))
        {
            stems.Add(Stem(string.Create(i - start, (text, start), static (span, state) =>
                state.text.AsSpan(state.start, span.Length).ToLowerInvariant(span))));
        }

        return [.. stems];
    }

    public static string Stem(string word)
    {
        if (word.Length <= 3 || !IsAsciiLetters(word))
        {
            return word;
        }

        var w = word;
        if (w.EndsWith("ies", StringComparison.Ordinal) && w.Length > 4)
        {
            w = w[..^3] + "y";
        }
        else if (w.EndsWith("sses", StringComparison.Ordinal))
        {
            w = w[..^2];
        }
        else if (w.EndsWith("ses", StringComparison.Ordinal) && w.Length > 5 && w[^4] is 'a' or 'u' or 'i')
        {
            w = w[..^2];
        }
        else if (EndsWithAny(w, "ches", "shes", "xes", "zes"))
        {
            w = w[..^2];
        }
        else if (w[^1] == 's' && w[^2] is not ('s' or 'u' or 'i' or 'a') && w.Length > 3)
        {
            w = w[..^1];
        }

        if (w.EndsWith("ing", StringComparison.Ordinal) && w.Length - 3 >= 4)
        {
            w = UndoubleConsonant(w[..^3]);
        }
        else if (w.EndsWith("ed", StringComparison.Ordinal) && w.Length - 2 >= 4)
        {
            w = UndoubleConsonant(w[..^2]);
        }
        else if (w[^1] == 'e' && w.Length > 4)
        {
            // "decode" meets "decoded" and "decoding" (both lose the e above).
            w = w[..^1];
        }

        return w;
    }

    private static string UndoubleConsonant(string w) =>
        w.Length > 4 && w[^1] == w[^2] && w[^1] is 'l' or 't' or 'p' or 'n' or 'g' or 'd' or 'm' or 'r' or 'b'
            ? w[..^1]
            : w;

    private static bool EndsWithAny(string w, params string[] suffixes)
    {
        foreach (var s in suffixes)
        {
            if (w.EndsWith(s, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsAsciiLetters(string w)
    {
        foreach (var c in w)
        {
            if (c is < 'a' or > 'z')
            {
                return false;
            }
        }

        return true;
    }
}
