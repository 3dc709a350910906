namespace Universe.Runtime.Tasks;

/// <summary>Archive formats the fetcher extracts, by file name (as the Mesos fetcher does).</summary>
internal enum ArchiveKind
{
    None,
    Zip,
    Tar,
    TarGzip,
    Gzip,
}

/// <summary>Maps a file name to its <see cref="ArchiveKind"/>.</summary>
internal static class ArchiveKinds
{
    public static ArchiveKind FromFileName(string fileName)
    {
        var name = fileName.ToLowerInvariant();
        return name switch
        {
            _ when name.EndsWith(".tar.gz", StringComparison.Ordinal) || name.EndsWith(".tgz", StringComparison.Ordinal) => ArchiveKind.TarGzip,
            _ when name.EndsWith(".tar", StringComparison.Ordinal) => ArchiveKind.Tar,
            _ when name.EndsWith(".zip", StringComparison.Ordinal) => ArchiveKind.Zip,
            _ when name.EndsWith(".gz", StringComparison.Ordinal) => ArchiveKind.Gzip,
            _ => ArchiveKind.None,
        };
    }
}
