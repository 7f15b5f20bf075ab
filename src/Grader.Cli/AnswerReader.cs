using System.Text;
using Grader.Core.Reporting;

namespace Grader.Cli;

/// <summary>
/// Reads one answer defensively: a size limit, a time limit (a FIFO or device can block or never end), binary
/// files refused, byte-order marks honoured (UTF-8, UTF-16, UTF-32), and invalid UTF-8 decoded with replacement
/// characters and reported by line instead of failing the answer.
/// </summary>
internal static class AnswerReader
{
    public const long DefaultMaxBytes = 10L * 1024 * 1024;

    /// <summary>How long one file may take to read; tests shorten it.</summary>
    internal static TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public sealed record Answer(string Text, int? InvalidUtf8Line);

    public static (Answer? Answer, ReadError? Error) Read(string path, long maxBytes)
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

        // A file with a size is read directly. Pipes and devices report size 0 (as does an empty file): opening a FIFO
        // blocks until someone writes to it, so those are read on their own thread with a deadline. Not a pool
        // thread: graders already occupy the pool, and waiting on queued pool work would starve it.
        if (info.Length > 0)
        {
            try
            {
                var direct = ReadBounded(path, maxBytes);
                return direct.Length > maxBytes ? (null, new ReadError(path, TooLarge(direct.Length, maxBytes))) : Decode(path, direct);
            }
            catch (UnauthorizedAccessException)
            {
                return (null, new ReadError(path, "permission denied"));
            }
            catch (IOException)
            {
                return (null, new ReadError(path, "cannot be read (input/output error)"));
            }
        }

        var read = Task.Factory.StartNew(() => ReadBounded(path, maxBytes), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (Task.WaitAny([read], ReadTimeout) < 0)
        {
            return (null, new ReadError(path, $"could not be read within {ReadTimeout.TotalSeconds:0} s (a pipe or device rather than a file?)"));
        }

        if (read.IsFaulted)
        {
            return (null, new ReadError(path, read.Exception!.InnerException switch
            {
                UnauthorizedAccessException => "permission denied",
                FileNotFoundException or DirectoryNotFoundException => "file not found",
                _ => "cannot be read (input/output error)",
            }));
        }

        var bytes = read.Result;
        if (bytes.Length > maxBytes)
        {
            return (null, new ReadError(path, TooLarge(bytes.Length, maxBytes)));
        }

        return Decode(path, bytes);
    }

    private static (Answer?, ReadError?) Decode(string path, byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]) || span.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
        {
            return (new Answer(Encoding.UTF32.GetString(bytes).TrimStart('\uFEFF'), null), null);
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (new Answer(Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2), null), null);
        }

        if (span.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (new Answer(Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2), null), null);
        }

        // NUL bytes never occur in Markdown text; an image or archive renamed .md has them early.
        if (span[..Math.Min(span.Length, 8000)].Contains((byte)0))
        {
            return (null, new ReadError(path, "looks like a binary file, not Markdown text (or UTF-16 without a byte-order mark)"));
        }

        var start = span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        try
        {
            return (new Answer(new UTF8Encoding(false, true).GetString(bytes, start, bytes.Length - start), null), null);
        }
        catch (DecoderFallbackException ex)
        {
            var line = 1 + span[..Math.Clamp(start + ex.Index, 0, span.Length)].Count((byte)'\n');
            return (new Answer(Encoding.UTF8.GetString(bytes, start, bytes.Length - start), line), null);
        }
    }

    private static byte[] ReadBounded(string path, long maxBytes)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        if (stream.CanSeek && stream.Length is > 0 and var length && length <= maxBytes)
        {
            // The usual case: one read of a known size.
            var bytes = new byte[length];
            stream.ReadExactly(bytes);
            return bytes;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int n;
        while ((n = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, n);
            if (buffer.Length > maxBytes)
            {
                break; // a device or growing file: enough to say it is too large
            }
        }

        return buffer.ToArray();
    }

    private static string TooLarge(long size, long max) =>
        $"is {size / 1048576.0:0.#} MB, over the {max / 1048576.0:0.#} MB limit for one answer (raise it with --max-size MB)";
}
