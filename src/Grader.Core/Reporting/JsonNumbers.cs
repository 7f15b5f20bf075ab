using System.Text.Json;

namespace Grader.Core.Reporting;

/// <summary>
/// Writes a report's numbers in the bytes <see cref="Utf8JsonWriter.WriteNumber(string, double)"/> gives (the shortest
/// form that reads back as the same double), by a short path for what reports hold: zero, and points and shares to
/// two places. The general formatter took a fifth of writing a JSON report.
/// </summary>
internal static class JsonNumbers
{
    /// <summary>Writes <paramref name="value"/> as the property <paramref name="name"/>.</summary>
    public static void WriteDouble(this Utf8JsonWriter json, string name, double value)
    {
        json.WritePropertyName(name);
        json.WriteDoubleValue(value);
    }

    /// <summary>The same for a name encoded once.</summary>
    public static void WriteDouble(this Utf8JsonWriter json, JsonEncodedText name, double value)
    {
        json.WritePropertyName(name);
        json.WriteDoubleValue(value);
    }

    // The value after its name: what WriteNumberValue writes, by the short path when it applies.
    private static void WriteDoubleValue(this Utf8JsonWriter json, double value)
    {
        Span<byte> text = stackalloc byte[MaxLength];
        if (TryFormatHundredths(value, text, out var written))
        {
            json.WriteRawValue(text[..written], skipInputValidation: true);
        }
        else
        {
            json.WriteNumberValue(value);
        }
    }

    // "-999999999.99"
    private const int MaxLength = 13;

    /// <summary>
    /// Formats a value that is a whole number of hundredths, 0 or at least 0.01 and below 10^9 in size, as its shortest
    /// round-trip form; false for any other value. A decimal of two places whose nearest double is the value reads back
    /// as it, and no shorter decimal does: every other decimal of two places or fewer is at least 0.01 away, and near a
    /// value below 10^9 doubles are far closer together than that.
    /// </summary>
    internal static bool TryFormatHundredths(double value, Span<byte> destination, out int written)
    {
        written = 0;
        if (value == 0)
        {
            // -0 is "-0" to the general formatter.
            if (double.IsNegative(value))
            {
                return false;
            }

            destination[written++] = (byte)'0';
            return true;
        }

        var size = Math.Abs(value);
        if (!(size >= 0.01 && size < 1e9))
        {
            return false;
        }

        var hundredths = Math.Round(size * 100);
        if (hundredths / 100 != size)
        {
            return false;
        }

        var n = (long)hundredths;
        if (value < 0)
        {
            destination[written++] = (byte)'-';
        }

        var whole = n / 100;
        var fraction = (int)(n % 100);
        whole.TryFormat(destination[written..], out var digits, default, System.Globalization.CultureInfo.InvariantCulture);
        written += digits;
        if (fraction != 0)
        {
            destination[written++] = (byte)'.';
            destination[written++] = (byte)('0' + (fraction / 10));
            if (fraction % 10 != 0)
            {
                destination[written++] = (byte)('0' + (fraction % 10));
            }
        }

        return true;
    }
}
