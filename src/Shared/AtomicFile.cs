namespace Universe.IO;

/// <summary>
/// The one atomic file write of the code base (linked as source into Runtime, Cosmos and Cli, which must not reference
/// each other): the content goes to a unique temporary file in the target's directory, is flushed to disk, and is then
/// renamed over the target. Readers see the old file or the new one, never a torn one; a crash leaves at most a
/// <c>.*.tmp</c> file behind, which is removed on failure.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        WriteAsync(path, (stream, token) => stream.WriteAsync(bytes, token).AsTask(), null, cancellationToken);

    /// <summary>
    /// Lets <paramref name="write"/> fill a temporary file, then renames it over <paramref name="path"/>. With
    /// <paramref name="mode"/> (Unix only) the file is created with that mode, so a secret is never readable by others.
    /// </summary>
    public static async Task WriteAsync(
        string path, Func<Stream, CancellationToken, Task> write, UnixFileMode? mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        var temp = TempPath(path);
        try
        {
            await using (var stream = new FileStream(temp, StreamOptions(mode, FileOptions.Asynchronous)))
            {
                await write(stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>The synchronous form of <see cref="WriteAsync"/> (for callers that are synchronous, like the CLI's config store).</summary>
    public static void Write(string path, Action<Stream> write, UnixFileMode? mode = null)
    {
        ArgumentNullException.ThrowIfNull(write);
        var temp = TempPath(path);
        try
        {
            using (var stream = new FileStream(temp, StreamOptions(mode, FileOptions.None)))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static string TempPath(string path)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full) ?? throw new ArgumentException("The path has no directory: " + path, nameof(path));
        return Path.Combine(directory, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
    }

    private static FileStreamOptions StreamOptions(UnixFileMode? mode, FileOptions options)
    {
        var result = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 64 * 1024,
            Options = options,
        };
        if (mode is { } unixMode && !OperatingSystem.IsWindows())
        {
            result.UnixCreateMode = unixMode;
        }

        return result;
    }
}
