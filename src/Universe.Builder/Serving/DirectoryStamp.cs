namespace Universe.Builder.Serving;

/// <summary>A cheap fingerprint of a directory tree (paths, sizes, modification times) and its newest modification time.</summary>
public readonly record struct DirectoryStamp(long Hash, int Files, DateTimeOffset Newest)
{
    /// <summary>Stats every file under <paramref name="directory"/> (no reads).</summary>
    public static DirectoryStamp Compute(string directory)
    {
        var hash = new HashCode();
        var files = 0;
        var newest = DateTime.MinValue;
        var entries = new DirectoryInfo(directory).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true })
            .Select(f => (Path: f.FullName, f.Length, f.LastWriteTimeUtc))
            .OrderBy(f => f.Path, StringComparer.Ordinal);
        foreach (var (path, length, written) in entries)
        {
            hash.Add(path, StringComparer.Ordinal);
            hash.Add(length);
            hash.Add(written.Ticks);
            newest = written > newest ? written : newest;
            files++;
        }

        return new DirectoryStamp(hash.ToHashCode(), files, files == 0 ? DateTimeOffset.UnixEpoch : new DateTimeOffset(newest, TimeSpan.Zero));
    }
}
