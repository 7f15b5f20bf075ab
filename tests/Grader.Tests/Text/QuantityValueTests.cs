using System.Globalization;
using CsCheck;
using Grader.Core.Text;

namespace Grader.Tests.Text;

/// <summary>Numbers with units written in CJK, and the value every quantity carries (ms, s, bytes, or as written).</summary>
public class QuantityValueTests
{
    [Theory]
    [InlineData("延迟要求在200毫秒以内。", QuantityKind.Latency, 200)]
    [InlineData("延迟要求在 200 毫秒以内。", QuantityKind.Latency, 200)]
    [InlineData("응답 지연은 200밀리초 이내여야 합니다.", QuantityKind.Latency, 200)]
    [InlineData("応答時間は200ミリ秒以内です。", QuantityKind.Latency, 200)]
    [InlineData("首屏在1.5秒内返回。", QuantityKind.Latency, 1500)]
    [InlineData("첫 결과는 2초 안에 보여야 합니다.", QuantityKind.Latency, 2000)]
    [InlineData("用户平均观看30秒。", QuantityKind.Duration, 30)]
    [InlineData("延迟200ms以内。", QuantityKind.Latency, 200)]
    [InlineData("峰值为1万 QPS。", QuantityKind.Throughput, 1e4)]
    [InlineData("峰值为1万QPS。", QuantityKind.Throughput, 1e4)]
    [InlineData("每秒1万次请求。", QuantityKind.Throughput, 1e4)]
    [InlineData("초당 1만 건의 요청을 처리합니다.", QuantityKind.Throughput, 1e4)]
    [InlineData("하루 활성 사용자 5억 명에게 추천합니다.", QuantityKind.Users, 5e8)]
    [InlineData("서비스 사용자는 1천만 명입니다.", QuantityKind.Users, 1e7)]
    [InlineData("每天有1亿日活用户。", QuantityKind.Users, 1e8)]
    [InlineData("从10亿个视频中召回。", QuantityKind.Items, 1e9)]
    [InlineData("10억 개의 동영상 중에서 고릅니다.", QuantityKind.Items, 1e9)]
    [InlineData("We serve 10M DAU.", QuantityKind.Users, 1e7)]
    [InlineData("Peak load is 50k QPS.", QuantityKind.Throughput, 5e4)]
    [InlineData("The catalogue holds 800 million videos.", QuantityKind.Items, 8e8)]
    [InlineData("Embeddings take 2 TB.", QuantityKind.Storage, 2e12)]
    [InlineData("The first check must answer within 0.5 s.", QuantityKind.Latency, 500)]
    [InlineData("The first check should finish within half a second of posting.", QuantityKind.Latency, 500)]
    [InlineData("That is about 2,000 a day.", QuantityKind.Throughput, 2000)]
    [InlineData("A new account sends 1.5M messages.", QuantityKind.Items, 1.5e6)]
    [InlineData("That is about 230k/s on average.", QuantityKind.Throughput, 2.3e5)]
    [InlineData("Peak is 5k req / s.", QuantityKind.Throughput, 5e3)]
    [InlineData("About 20B msgs/day reach the classifier.", QuantityKind.Throughput, 2e10)]
    [InlineData("We host 500M mailboxes.", QuantityKind.Users, 5e8)]
    public void Reads_the_kind_and_value_of_a_number_with_its_unit(string text, QuantityKind kind, double value)
    {
        var quantity = Assert.Single(Quantities.Find(text), q => q.Kind == kind);
        Assert.Equal(value, quantity.Value!.Value, 6);
    }

    [Theory]
    [InlineData("第3次迭代之后模型收敛。")]        // the 3rd iteration: an ordinal, not a count
    [InlineData("我们训练3次。")]                  // three times, no multiplier and no rate
    [InlineData("1万这个数字没有单位。")]           // a bare number
    [InlineData("The budget in 2024 was flat.")]
    public void Ignores_numbers_without_a_unit(string text) => Assert.Empty(Quantities.Find(text));

    [Theory]
    [InlineData("Availability of \u0669\u0669% is required", QuantityKind.Percent, 16)]
    [InlineData("\u0669\u0669%", QuantityKind.Percent, 0)]
    [InlineData("We pay $\u0661\u0660\u0660 per day", QuantityKind.Money, 7)]
    public void A_figure_in_another_scripts_digits_is_read(string text, QuantityKind kind, int start)
    {
        // Only ASCII digits are searched for fast; text with no ASCII digit is still read for the patterns' other digits.
        var quantity = Assert.Single(Quantities.Find(text));
        Assert.Equal((kind, start), (quantity.Kind, quantity.Start));
    }

    [Fact]
    public void A_quantity_in_cjk_text_is_found_once()
    {
        // The English tokens see "1万" and "200" too; only one reading may count.
        Assert.Single(Quantities.Find("峰值 1万 QPS"));
        Assert.Single(Quantities.Find("延迟200ms以内"));
        Assert.Single(Quantities.Find("최대 200 ms 정도입니다"));
    }

    // Each unit as an answer might write it: the text for a value, the kind, and what one of it is worth.
    private static readonly (Func<string, string> Write, QuantityKind Kind, double Scale)[] Units =
    [
        (v => $"{v}ms", QuantityKind.Latency, 1),
        (v => $"{v} ms", QuantityKind.Latency, 1),
        (v => $"{v} milliseconds", QuantityKind.Latency, 1),
        (v => $"{v}毫秒", QuantityKind.Latency, 1),
        (v => $"{v} 毫秒", QuantityKind.Latency, 1),
        (v => $"{v}밀리초", QuantityKind.Latency, 1),
        (v => $"{v}ミリ秒", QuantityKind.Latency, 1),
        (v => $"{v}万 QPS", QuantityKind.Throughput, 1e4),
        (v => $"{v}万次请求", QuantityKind.Throughput, 1e4),
        (v => $"{v}亿用户", QuantityKind.Users, 1e8),
        (v => $"{v}억 명", QuantityKind.Users, 1e8),
        (v => $"{v}만 명", QuantityKind.Users, 1e4),
        (v => $"{v}億 users", QuantityKind.Users, 1e8),
        (v => $"{v}k QPS", QuantityKind.Throughput, 1e3),
        (v => $"{v}M users", QuantityKind.Users, 1e6),
        (v => $"{v} million videos", QuantityKind.Items, 1e6),
        (v => $"{v} GB", QuantityKind.Storage, 1e9),
    ];

    // Seconds are a response time up to 5 (in ms), a span of time from there (in s), in every script.
    private static readonly Func<string, string>[] Seconds = [v => $"{v} s", v => $"{v} seconds", v => $"{v}秒", v => $"{v}초"];

    private static readonly string[] Contexts = ["Peak load is {0} at launch.", "峰值为{0}，上线时", "최대 {0} 정도입니다.", "最大{0}です。"];

    // Whole numbers, with thousands separators when large, and one-decimal values.
    private static readonly Gen<(double Value, string Text)> Number = Gen.OneOf(
        Gen.Int[1, 99_999].Select(n => ((double)n, n.ToString(n >= 1000 && n % 2 == 0 ? "#,0" : "0", CultureInfo.InvariantCulture))),
        Gen.Int[1, 9_999].Select(n => (n / 10.0, (n / 10.0).ToString("0.0", CultureInfo.InvariantCulture))));

    [Fact]
    public void A_value_survives_formatting_in_every_supported_unit() =>
        Gen.Select(Number, Gen.Int[0, Units.Length - 1], Gen.Int[0, Contexts.Length - 1]).Sample((number, unit, context) =>
        {
            var (write, kind, scale) = Units[unit];
            var text = string.Format(CultureInfo.InvariantCulture, Contexts[context], write(number.Text));
            var quantity = Assert.Single(Quantities.Find(text));
            Assert.Equal(kind, quantity.Kind);
            Assert.Equal(number.Value * scale, quantity.Value!.Value, number.Value * scale * 1e-9);
        }, iter: 2000);

    [Fact]
    public void Seconds_are_a_latency_in_ms_under_five_and_a_duration_in_s_from_five() =>
        Gen.Select(Gen.Int[1, 600], Gen.Int[0, Seconds.Length - 1], Gen.Int[0, Contexts.Length - 1]).Sample((tenths, unit, context) =>
        {
            var value = tenths / 10.0;
            var text = string.Format(CultureInfo.InvariantCulture, Contexts[context], Seconds[unit](value.ToString("0.0", CultureInfo.InvariantCulture)));
            var quantity = Assert.Single(Quantities.Find(text));
            var (kind, expected) = value < 5 ? (QuantityKind.Latency, value * 1000) : (QuantityKind.Duration, value);
            Assert.Equal(kind, quantity.Kind);
            Assert.Equal(expected, quantity.Value!.Value, expected * 1e-9);
        }, iter: 1000);
}
