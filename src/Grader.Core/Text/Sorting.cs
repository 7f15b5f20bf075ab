namespace Grader.Core.Text;

/// <summary>
/// Sorting in place without an allocation per call. Under Native AOT, <c>Span.Sort()</c> wraps the default comparer's
/// Compare in a new delegate on every call: 9 KB of delegates per typical answer in the shipped build.
/// </summary>
internal static class Sorting
{
    /// <summary>Ascending, as <c>Span.Sort()</c> orders: by <see cref="IComparable{T}.CompareTo"/>, through one cached delegate.</summary>
    public static void SortAscending<T>(this Span<T> span)
        where T : IComparable<T> => span.Sort(static (a, b) => a.CompareTo(b));

    /// <summary>Ascending by a number per item, through one sort of the numbers and the items together; equal keys in any order.</summary>
    public static void SortByKey<T>(this List<T> items, Func<T, long> key)
    {
        var keys = new long[items.Count];
        var values = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(items);
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = key(values[i]);
        }

        keys.AsSpan().Sort(values);
    }
}
