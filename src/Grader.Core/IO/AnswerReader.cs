using System.Buffers;
using System.Text;
using Grader.Core.Reporting;

namespace Grader.Core.IO;

/// <summary>
/// Reads one answer defensively: a size limit, a time limit (a FIFO or device can block or never end), binary
/// files refused, byte-order marks honoured (UTF-8, UTF-16, UTF-32), and invalid UTF-8 decoded with replacement
/// characters and reported by line instead of failing the answer.
/// </summary>
public static class AnswerReader
{
    public const long DefaultMaxBytes = 10L * 1024 * 1024;

    /// <summary>How long one file may take to read; tests shorten it.</summary>
    internal static TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The answer's text, or why it cannot be graded.</summary>
    public static (string? Text, ReadError? Error) Read(string path, long maxBytes)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is not { Exists: true })
        {
            return (null, new ReadError(path, "is a broken symbolic link"));
        }

        if (Directory.Exists(path))
        {
            return (null, new ReadError(path, "is a folder, not an answer file"));
        }

        if (!info.Exists)
        {
            return (null, new ReadError(path, "file not found"));
        }

        if (info.Length > maxBytes)
        {
            return (null, new ReadError(path, TooLarge(info.Length, maxBytes)));
        }

        byte[] bytes;
        try
        {
            // Pipes and devices report size 0 (as does an empty file), and opening a FIFO blocks until someone writes
            // to it: those are read on their own thread with a deadline. Not a pool thread: graders already occupy the
            // pool, and waiting on queued pool work would starve it.
            if (info.Length > 0)
            {
                return ReadFile(path, maxBytes);
            }

            var read = Task.Factory.StartNew(() => ReadBounded(path, maxBytes), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            if (!((IAsyncResult)read).AsyncWaitHandle.WaitOne(ReadTimeout))
            {
                return (null, new ReadError(path, $"could not be read within {ReadTimeout.TotalSeconds:0} s (a pipe or device rather than a file?)"));
            }

            bytes = read.GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The system's message names absolute paths; reports must read the same on every machine.
            return (null, new ReadError(path, ex switch
            {
                UnauthorizedAccessException => "permission denied",
                FileNotFoundException or DirectoryNotFoundException => "file not found",
                _ => "cannot be read (input/output error)",
            }));
        }

        return bytes.Length > maxBytes ? (null, new ReadError(path, TooLarge(bytes.Length, maxBytes))) : Decode(path, bytes);
    }

    /// <summary>
    /// An answer on standard input, shown as <paramref name="name"/>: the file size limit and decoding, read until the
    /// input ends (with no deadline: a person may be typing it).
    /// </summary>
    public static (string? Text, ReadError? Error) Read(string name, Stream stream, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] bytes;
        try
        {
            bytes = ReadBounded(stream, maxBytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return (null, new ReadError(name, "cannot be read from standard input (input/output error)"));
        }

        // Reading stops just past the limit, so the true size is unknown: say only that it is over.
        return bytes.Length > maxBytes
            ? (null, new ReadError(name, $"is over the {maxBytes / 1048576.0:0.###} MB limit for one answer (raise it with --max-size MB)"))
            : Decode(name, bytes);
    }

    /// <summary>Text from bytes already read (a file, or a blob from git): byte-order marks, binary check, invalid UTF-8.</summary>
    public static (string? Text, ReadError? Error) Decode(string path, byte[] bytes) => Decode(path, bytes.AsSpan());

    private static (string? Text, ReadError? Error) Decode(string path, ReadOnlySpan<byte> span)
    {
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]) || span.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
        {
            return (Encoding.UTF32.GetString(span).TrimStart('\uFEFF'), null);
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (Encoding.Unicode.GetString(span[2..]), null);
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (Encoding.BigEndianUnicode.GetString(span[2..]), null);
        }

        // NUL bytes never occur in Markdown text; an image or archive renamed .md has them early.
        if (span[..Math.Min(span.Length, 8000)].Contains((byte)0))
        {
            return (null, new ReadError(path, "looks like a binary file, not Markdown text (or UTF-16 without a byte-order mark)"));
        }

        // Invalid UTF-8 becomes U+FFFD, which the parser reports (MLSD0009) at its line; the answer is still graded.
        var start = span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        return (Encoding.UTF8.GetString(span[start..]), null);
    }

    // A file that reports its size. Its bytes go into a lent buffer and are decoded from there: a batch reads thousands
    // of answers, and each cost a file stream's own 64 KB buffer and an array of its bytes.
    private static (string? Text, ReadError? Error) ReadFile(string path, long maxBytes)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var length = RandomAccess.GetLength(handle);
        if (length <= 0 || length > maxBytes)
        {
            // Changed since it was measured: read what is there now, up to one byte past the limit.
            using var stream = new FileStream(handle, FileAccess.Read, 1);
            var bytes = ReadBounded(stream, maxBytes);
            return bytes.Length > maxBytes ? (null, new ReadError(path, TooLarge(bytes.Length, maxBytes))) : Decode(path, bytes);
        }

        // A huge answer's buffer is not kept in the pool.
        var size = (int)length;
        var pooled = size <= MaxPooledBytes;
        var buffer = pooled ? ArrayPool<byte>.Shared.Rent(size) : new byte[size];
        try
        {
            for (var read = 0; read < size;)
            {
                var n = RandomAccess.Read(handle, buffer.AsSpan(read, size - read), read);
                read += n > 0 ? n : throw new EndOfStreamException();
            }

            return Decode(path, buffer.AsSpan(0, size));
        }
        finally
        {
            if (pooled)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private const int MaxPooledBytes = 1 << 20;

    private static byte[] ReadBounded(string path, long maxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        return ReadBounded(stream, maxBytes);
    }

    /// <summary>A stream of unknown length (a device, a growing file, git's output) read until one byte past the limit.</summary>
    public static byte[] ReadBounded(Stream stream, long maxBytes)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > maxBytes)
            {
                break; // enough to say it is too large
            }
        }

        return buffer.ToArray();
    }

    public static string TooLarge(long size, long max) =>
        $"is {size / 1048576.0:0.#} MB, over the {max / 1048576.0:0.#} MB limit for one answer (raise it with --max-size MB)";
}
