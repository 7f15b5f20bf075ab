using System.Buffers;

namespace Grader.Core.Text;

/// <summary>
/// Texts equal as <c>Trim().ToLowerInvariant()</c> makes them, judged without making those copies: a character is
/// lower-cased on its own, as the string method does for any text without surrogate pairs (those are compared through
/// the copies, as before).
/// </summary>
internal static class TrimmedIgnoreCase
{
    /// <summary>True when the two texts are one text, trimmed and case ignored.</summary>
    public static bool Same(ReadOnlySpan<char> x, ReadOnlySpan<char> y)
    {
        var a = x.Trim();
        var b = y.Trim();
        if (HasSurrogates(a) || HasSurrogates(b))
        {
            return string.Equals(a.ToString().ToLowerInvariant(), b.ToString().ToLowerInvariant(), StringComparison.Ordinal);
        }

        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i] && char.ToLowerInvariant(a[i]) != char.ToLowerInvariant(b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A hash equal for texts <see cref="Same"/> calls one.</summary>
    public static int Hash(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (HasSurrogates(text))
        {
            text = text.ToString().ToLowerInvariant();
        }

        // Lower-cased into a buffer and hashed as one span (seeded per process, like every string hash): a HashCode.Add
        // per character cost several times more.
        var rented = text.Length > StackLimit ? ArrayPool<char>.Shared.Rent(text.Length) : null;
        var lower = rented is null ? stackalloc char[StackLimit] : rented;
        var hash = string.GetHashCode(lower[..Words.ToLower(text, lower)]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return hash;
    }

    private const int StackLimit = 256;

    private static bool HasSurrogates(ReadOnlySpan<char> text) => text.ContainsAnyInRange('\uD800', '\uDFFF');
}
