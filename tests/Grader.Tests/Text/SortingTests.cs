using CsCheck;
using Grader.Core.Text;

namespace Grader.Tests.Text;

/// <summary>The allocation-free sort orders as the framework's default sort does.</summary>
public sealed class SortingTests
{
    [Fact]
    public void Sorting_ascending_is_the_default_sort()
    {
        Gen.Select(Gen.Int[-3, 3], Gen.Int[0, 5], Gen.Int).Array[0, 40].Sample(items =>
        {
            (int, int, int)[] expected = [.. items];
            expected.AsSpan().Sort();
            items.AsSpan().SortAscending();
            Assert.Equal(expected, items);
        }, iter: 2_000);

        Gen.Select(Gen.OneOf(Gen.Double[-2, 2], Gen.Const(double.NaN), Gen.Const(0.0), Gen.Const(-0.0)), Gen.Int[0, 9]).Array[0, 40].Sample(items =>
        {
            (double, int)[] expected = [.. items];
            expected.AsSpan().Sort();
            items.AsSpan().SortAscending();
            Assert.Equal(expected, items);
        }, iter: 2_000);
    }
}
