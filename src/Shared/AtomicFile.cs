using System.Runtime.InteropServices;

namespace Universe.IO;

/// <summary>
/// The one atomic file write of the code base (linked as source into Runtime, Cosmos and Cli, which must not reference
/// each other): the content goes to a unique temporary file in the target's directory, is flushed to disk, and is then
/// renamed over the target, and the rename itself is made durable (fsync of the directory). Readers see the old file
/// or the new one, never a torn one; a crash (even of the machine) leaves at most a <c>.*.tmp</c> file behind, which is
/// removed on failure.
/// </summary>
internal static class AtomicFile
{
    private const int ORdonly = 0;
    private const int OCloexec = 0x80000;
    private const int Einval = 22;
    private const int Erofs = 30;

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
            FlushDirectory(Path.GetDirectoryName(temp)!);
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
            FlushDirectory(Path.GetDirectoryName(temp)!);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>
    /// Makes the entries of <paramref name="directory"/> durable (an fsync of the directory itself): a file flushed and
    /// then renamed or created there survives a machine crash only once its directory is flushed too. On Windows, and
    /// on file systems that cannot flush a directory, nothing happens.
    /// </summary>
    public static void FlushDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = NativeMethods.Open(directory, ORdonly | OCloexec);
        if (fd < 0)
        {
            var error = Marshal.GetLastPInvokeError();
            throw new IOException($"Cannot open directory {directory} to flush it: {Marshal.GetPInvokeErrorMessage(error)}", error);
        }

        try
        {
            if (NativeMethods.Fsync(fd) != 0 && Marshal.GetLastPInvokeError() is var error && error is not (Einval or Erofs))
            {
                throw new IOException($"Cannot flush directory {directory}: {Marshal.GetPInvokeErrorMessage(error)}", error);
            }
        }
        finally
        {
            _ = NativeMethods.Close(fd);
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

#pragma warning disable CA2101 // the path is marshalled explicitly as UTF-8 (LPUTF8Str), which is what Linux paths are
    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

        [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Fsync(int fd);

        [DllImport("libc", EntryPoint = "close", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Close(int fd);
    }
#pragma warning restore CA2101
}
