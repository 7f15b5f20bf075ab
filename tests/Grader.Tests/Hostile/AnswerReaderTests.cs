using System.Text;
using CsCheck;
using Grader.Core.IO;
using Grader.Tests.Support;

namespace Grader.Tests.Hostile;

/// <summary>
/// A file read from disk gives what decoding its bytes gives. Files are read into lent buffers that earlier, longer
/// files left bytes in, so sizes vary around each other and past the largest buffer lent.
/// </summary>
public sealed class AnswerReaderTests : IDisposable
{
    private readonly TempFolder _tree = new();

    public void Dispose() => _tree.Dispose();

    private static readonly Gen<byte[]> Prefix = Gen.OneOf(
        Gen.Const(Array.Empty<byte>()),
        Gen.Const(new byte[] { 0xEF, 0xBB, 0xBF }),
        Gen.Const(new byte[] { 0xFF, 0xFE }),
        Gen.Const(new byte[] { 0xFE, 0xFF }),
        Gen.Const(new byte[] { 0xFF, 0xFE, 0, 0 }));

    // Mostly text, with now and then a stray byte that is not UTF-8 or a NUL.
    private static readonly Gen<byte> Byte = Gen.Frequency((20, Gen.Byte[(byte)' ', (byte)'~']), (1, Gen.Byte[0x80, 0xFF]), (1, Gen.Const((byte)0)));

    [Fact]
    public void A_file_reads_as_its_bytes_decode()
    {
        var files = 0;
        Gen.Select(Prefix, Byte.Array[1, 5000]).Sample((prefix, body) =>
        {
            // A file per sample: samples run on several threads at once.
            var path = Path.Combine(_tree.Root, $"{Interlocked.Increment(ref files)}.md");
            var bytes = (byte[])[.. prefix, .. body];
            File.WriteAllBytes(path, bytes);
            Assert.Equal(AnswerReader.Decode(path, bytes), AnswerReader.Read(path, AnswerReader.DefaultMaxBytes));
        }, iter: 300);
    }

    [Fact]
    public void A_file_larger_than_a_lent_buffer_reads_whole_and_one_over_the_limit_is_refused()
    {
        var path = Path.Combine(_tree.Root, "large.md");
        var text = string.Concat(Enumerable.Repeat("Serve the top 500 candidates with a two-tower model. ", 40_000));
        File.WriteAllBytes(path, Encoding.UTF8.GetBytes(text));
        Assert.Equal((text, null), AnswerReader.Read(path, AnswerReader.DefaultMaxBytes));

        var (refused, error) = AnswerReader.Read(path, text.Length - 1);
        Assert.Null(refused);
        Assert.Contains("over the", error!.Message, StringComparison.Ordinal);
    }
}
