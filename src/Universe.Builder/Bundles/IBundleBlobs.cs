namespace Universe.Builder.Bundles;

/// <summary>
/// The content-addressed blobs of a bundle (<c>&lt;bundle&gt;/blobs/sha256/&lt;hex&gt;</c>), as the mirror, gc, serve, export
/// and import use them.
/// </summary>
public interface IBundleBlobs
{
    /// <summary>The bundle directory (the store's root).</summary>
    string Root { get; }

    bool Contains(string digest);

    /// <summary>The file of a stored blob.</summary>
    string PathOf(string digest);

    /// <summary>
    /// Moves <paramref name="file"/>, already hashed to <paramref name="digest"/> while it was written, into the store
    /// (atomic rename; an existing blob is kept and the file deleted).
    /// </summary>
    void AddHashed(string file, string digest);

    /// <summary>Stores bytes; returns their digest.</summary>
    Task<string> AddAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Every stored digest.</summary>
    IEnumerable<string> List();

    /// <summary>Removes a blob; returns its size, 0 when absent.</summary>
    long Delete(string digest);

    /// <summary>Removes partial downloads and temporary files; returns how many.</summary>
    int CleanTemporary();

    /// <summary>A directory on the same file system for partial downloads (kept across runs for resume).</summary>
    string TemporaryDirectory { get; }
}
