using System.Security.Cryptography;

namespace Universe.Builder.Build;

/// <summary>
/// Writes a <see cref="RepoFileSet"/> as a directory, atomically: everything goes to a sibling temporary directory
/// which then replaces the output directory in one step (an atomic exchange on Linux), so a failed or interrupted
/// build leaves the previous output as it was. Files with equal bytes are hard links to one copy where possible.
/// The output directory is owned by the build: an existing non-empty directory that holds no <c>universe.json</c>
/// is refused rather than replaced. A rebuild carries over every file of the previous output whose bytes are
/// unchanged (compared byte for byte, then hard-linked into the new directory) instead of writing it again; the
/// previous output is only read, never modified, until the swap.
/// </summary>
public static class RepoOutputWriter
{
    /// <summary>Writes <paramref name="files"/> to <paramref name="outputDirectory"/>; throws <see cref="IOException"/> on failure (nothing changed).</summary>
    public static void Write(RepoFileSet files, string outputDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        var target = Path.GetFullPath(Path.TrimEndingDirectorySeparator(outputDirectory));
        var parent = Path.GetDirectoryName(target) ?? throw new IOException($"Cannot write the output to the root directory '{target}'.");
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any() && !File.Exists(Path.Combine(target, RepoGenerator.UniverseFile)))
        {
            throw new IOException($"The output directory '{target}' is not empty and holds no {RepoGenerator.UniverseFile}; refusing to replace it.");
        }

        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".{Path.GetFileName(target)}.tmp-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}");
        try
        {
            WriteTree(files, temp, Directory.Exists(target) ? target : null, cancellationToken);
            Replace(temp, target);
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    private static void WriteTree(RepoFileSet files, string root, string? previous, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(root);
        foreach (var directory in files.Files.Select(f => Path.GetDirectoryName(f.Path)).Where(d => !string.IsNullOrEmpty(d)).Distinct(StringComparer.Ordinal))
        {
            Directory.CreateDirectory(Path.Combine(root, directory!));
        }

        var groups = files.Files.GroupBy(f => f.Identity, StringComparer.Ordinal).ToArray();
        Parallel.ForEach(
            groups.OrderByDescending(g => g.First().Length),
            new ParallelOptions { CancellationToken = cancellationToken },
            group =>
            {
                var first = group.First();
                var firstPath = Path.Combine(root, first.Path);
                if (previous is null || !TryCarryOver(first, Path.Combine(previous, first.Path), firstPath))
                {
                    WriteFile(first, firstPath);
                }

                foreach (var other in group.Skip(1))
                {
                    var path = Path.Combine(root, other.Path);
                    if (!NativeFileSystem.TryHardLink(firstPath, path))
                    {
                        WriteFile(other, path);
                    }
                }
            });
    }

    /// <summary>Hard-links <paramref name="previousPath"/> to <paramref name="path"/> when it is a regular file holding exactly <paramref name="file"/>'s bytes.</summary>
    private static bool TryCarryOver(RepoFile file, string previousPath, string path)
    {
        try
        {
            var info = new FileInfo(previousPath);
            if (!info.Exists || info.LinkTarget is not null || info.Length != file.Length)
            {
                return false;
            }

            using (var handle = File.OpenHandle(previousPath, FileMode.Open, FileAccess.Read, FileShare.Read))
            {
                if (!HasBytes(handle, file))
                {
                    return false;
                }
            }

            return NativeFileSystem.TryHardLink(previousPath, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Whether the file behind <paramref name="handle"/> holds exactly the bytes of <paramref name="file"/>.</summary>
    private static bool HasBytes(Microsoft.Win32.SafeHandles.SafeFileHandle handle, RepoFile file)
    {
        if (RandomAccess.GetLength(handle) != file.Length)
        {
            return false;
        }

        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            long offset = 0;
            int filled = 0, position = 0;
            foreach (var segment in file.Segments)
            {
                var expected = segment.Span;
                while (expected.Length > 0)
                {
                    if (position == filled)
                    {
                        filled = RandomAccess.Read(handle, buffer, offset);
                        if (filled <= 0)
                        {
                            return false;
                        }

                        offset += filled;
                        position = 0;
                    }

                    var count = Math.Min(filled - position, expected.Length);
                    if (!buffer.AsSpan(position, count).SequenceEqual(expected[..count]))
                    {
                        return false;
                    }

                    position += count;
                    expected = expected[count..];
                }
            }

            return true;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void WriteFile(RepoFile file, string path)
    {
        using var handle = File.OpenHandle(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, FileOptions.None, file.Length);
        RandomAccess.Write(handle, file.Segments, 0);
    }

    private static void Replace(string temp, string target)
    {
        if (!Directory.Exists(target))
        {
            Directory.Move(temp, target);
            return;
        }

        if (NativeFileSystem.TryExchange(temp, target))
        {
            return;
        }

        var old = temp + ".old";
        Directory.Move(target, old);
        try
        {
            Directory.Move(temp, target);
        }
        catch
        {
            Directory.Move(old, target);
            throw;
        }

        Directory.Delete(old, recursive: true);
    }
}
