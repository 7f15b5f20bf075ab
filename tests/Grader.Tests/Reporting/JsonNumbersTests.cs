using System.Text;
using System.Text.Json;
using CsCheck;
using Grader.Core.Reporting;

namespace Grader.Tests.Reporting;

/// <summary>The short path for a report's numbers writes the bytes the JSON writer's own double formatting writes.</summary>
public sealed class JsonNumbersTests
{
    [Fact]
    public void Hundredths_are_written_as_the_json_writer_writes_them()
    {
        // Points and shares as reports hold them: whole hundredths, scaled and signed every way.
        Gen.Select(Gen.Long[-99_999_999_999, 99_999_999_999], Gen.Int[0, 2]).Sample((n, places) =>
        {
            var value = n / Math.Pow(10, places);
            Assert.True(JsonNumbers.TryFormatHundredths(value, new byte[16], out _) || Math.Abs(value) < 0.01 || Math.Abs(value) >= 1e9);
            AssertSameAsWriter(value);
        }, iter: 100_000);
    }

    [Fact]
    public void Any_other_double_is_written_as_the_json_writer_writes_it_or_left_to_it()
    {
        Gen.Double.Sample(AssertSameAsWriter, iter: 100_000);
        foreach (var value in new[] { 0.0, -0.0, 0.01, -0.01, 0.005, 0.015, 0.1 + 0.2, 1e-7, 999_999_999.99, 1e9, 1e15, 2.675, 0.29 * 100, double.Epsilon, double.MaxValue })
        {
            AssertSameAsWriter(value);
        }
    }

    [Fact]
    public void Most_report_numbers_take_the_short_path()
    {
        foreach (var value in new[] { 0.0, 12.0, 7.5, 0.35, 87.25, -3.5 })
        {
            Assert.True(JsonNumbers.TryFormatHundredths(value, new byte[16], out _), $"{value}");
        }

        foreach (var value in new[] { -0.0, 0.1 + 0.2, 1.0 / 3, 1e9, 0.001 })
        {
            Assert.False(JsonNumbers.TryFormatHundredths(value, new byte[16], out _), $"{value}");
        }
    }

    private static void AssertSameAsWriter(double value)
    {
        if (!double.IsFinite(value))
        {
            return;
        }

        Assert.Equal(Written(json => json.WriteNumber("n", value)), Written(json => json.WriteDouble("n", value)));
    }

    private static string Written(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
