namespace Grader.Core.IO;

/// <summary>
/// A file written so that no reader, and no process killed half way, ever sees part of it: the bytes go to a hidden
/// temporary file beside the target, which <see cref="Commit"/> renames over it (a rename within a folder is atomic).
/// Disposing without committing removes the temporary file and leaves the target as it was.
/// </summary>
public sealed class AtomicFile : IDisposable
{
    private readonly string _temp;
    private bool _committed;

    private AtomicFile(string path, string temp, Stream stream)
    {
        Path = path;
        _temp = temp;
        Stream = stream;
    }

    /// <summary>The target, as a full path.</summary>
    public string Path { get; }

    /// <summary>Where the content goes until <see cref="Commit"/>.</summary>
    public Stream Stream { get; }

    /// <summary>Starts writing <paramref name="path"/>, creating its folder if need be.</summary>
    public static AtomicFile Create(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);

        // The process id and a random part keep concurrent writers of one target (two runs, two threads) apart.
        var temp = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        return new AtomicFile(full, temp, new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16));
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> whole, or not at all.</summary>
    public static void Write(string path, ReadOnlySpan<byte> bytes)
    {
        using var file = Create(path);
        file.Stream.Write(bytes);
        file.Commit();
    }

    /// <summary>Closes the content and puts it in place of the target.</summary>
    public void Commit()
    {
        Stream.Dispose();
        File.Move(_temp, Path, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        Stream.Dispose();
        if (!_committed && File.Exists(_temp))
        {
            File.Delete(_temp);
        }
    }
}
