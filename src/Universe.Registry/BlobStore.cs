using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Universe.Registry;

/// <summary>
/// A content-addressed blob store laid out as an OCI image layout's blob tree: <c>&lt;root&gt;/blobs/sha256/&lt;hex&gt;</c>.
/// Blobs appear atomically (written to <c>&lt;root&gt;/ingest/</c>, verified, flushed, renamed), so a crash never
/// leaves a partial or wrong blob under its digest. The store is shared by every image and artifact: a layer used ten
/// times is stored once. Safe for concurrent use by several threads and processes.
/// </summary>
public sealed class BlobStore
{
    private static readonly ConcurrentDictionary<string, byte> ClaimedPartials = new(StringComparer.Ordinal);

    /// <summary>Creates (if needed) a store under <paramref name="root"/>.</summary>
    public BlobStore(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
        BlobsDirectory = BlobsDirectoryOf(Root);
        IngestDirectory = Path.Combine(Root, "ingest");
        Directory.CreateDirectory(BlobsDirectory);
        Directory.CreateDirectory(IngestDirectory);
    }

    /// <summary>The store's root directory.</summary>
    public string Root { get; }

    /// <summary><c>&lt;root&gt;/blobs/sha256</c> of a store at <paramref name="root"/>, without creating anything.</summary>
    public static string BlobsDirectoryOf(string root) => Path.Combine(Path.GetFullPath(root), "blobs", "sha256");

    /// <summary><c>&lt;root&gt;/blobs/sha256</c>.</summary>
    public string BlobsDirectory { get; }

    /// <summary>Where partial and temporary files live (<c>&lt;root&gt;/ingest</c>).</summary>
    public string IngestDirectory { get; }

    /// <summary>The path a blob has (or would have) in the store.</summary>
    public string GetPath(string digest) => Path.Combine(BlobsDirectory, ContentDigest.Hex(digest));

    /// <summary>True when the blob is stored.</summary>
    public bool Has(string digest) => File.Exists(GetPath(digest));

    /// <summary>The stored blob's size, or null when it is absent.</summary>
    public long? TryGetSize(string digest)
    {
        var info = new FileInfo(GetPath(digest));
        return info.Exists ? info.Length : null;
    }

    /// <summary>Opens a stored blob for reading; throws <see cref="RegistryException"/> (<see cref="RegistryErrorKind.NotFound"/>) when absent.</summary>
    public Stream OpenRead(string digest)
    {
        try
        {
            return new FileStream(GetPath(digest), new FileStreamOptions
            {
                Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.Read | FileShare.Delete,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan, BufferSize = 0,
            });
        }
        catch (FileNotFoundException)
        {
            throw new RegistryException(RegistryErrorKind.NotFound, $"Blob {digest} is not in the store");
        }
    }

    /// <summary>Reads a whole (small) stored blob, such as a manifest or config.</summary>
    public async Task<byte[]> ReadAllBytesAsync(string digest, CancellationToken cancellationToken = default)
    {
        try
        {
            return await File.ReadAllBytesAsync(GetPath(digest), cancellationToken);
        }
        catch (FileNotFoundException)
        {
            throw new RegistryException(RegistryErrorKind.NotFound, $"Blob {digest} is not in the store");
        }
    }

    /// <summary>
    /// Streams <paramref name="content"/> into the store and returns its digest. With <paramref name="expectedDigest"/>
    /// or <paramref name="expectedSize"/> a mismatch throws <see cref="RegistryErrorKind.DigestMismatch"/> and stores nothing.
    /// </summary>
    public async Task<string> ImportAsync(Stream content, string? expectedDigest = null, long? expectedSize = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (expectedDigest is not null && Has(expectedDigest))
        {
            return expectedDigest;
        }

        await using var writer = OpenWriter();
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
            {
                await writer.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                if (expectedSize is not null && writer.Length > expectedSize)
                {
                    writer.Discard();
                    throw new RegistryException(RegistryErrorKind.DigestMismatch, $"Content is larger than the expected {expectedSize} bytes; nothing stored");
                }
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }

        return await writer.CommitAsync(expectedDigest, expectedSize, cancellationToken);
    }

    /// <summary>Stores <paramref name="content"/> (e.g. manifest bytes) and returns its digest, verified against <paramref name="expectedDigest"/> when given.</summary>
    public async Task<string> ImportAsync(ReadOnlyMemory<byte> content, string? expectedDigest = null, CancellationToken cancellationToken = default)
    {
        var digest = ContentDigest.Compute(content.Span);
        if (expectedDigest is not null && digest != expectedDigest)
        {
            throw new RegistryException(RegistryErrorKind.DigestMismatch, $"Content has digest {digest}, expected {expectedDigest}; nothing stored");
        }

        if (Has(digest))
        {
            return digest;
        }

        await using var writer = OpenWriter();
        await writer.WriteAsync(content, cancellationToken);
        return await writer.CommitAsync(digest, content.Length, cancellationToken);
    }

    /// <summary>Deletes a stored blob; false when it was absent.</summary>
    public bool Delete(string digest)
    {
        var path = GetPath(digest);
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    /// <summary>Every stored digest (for garbage collection). Stray files that are not digests are skipped.</summary>
    public IEnumerable<string> EnumerateDigests()
    {
        foreach (var file in Directory.EnumerateFiles(BlobsDirectory))
        {
            var digest = ContentDigest.Sha256Prefix + Path.GetFileName(file);
            if (ContentDigest.IsValid(digest))
            {
                yield return digest;
            }
        }
    }

    /// <summary>
    /// Opens a writer for a new blob. With <paramref name="resumeKey"/> (e.g. the expected digest or a URL) the partial
    /// file survives a failure or a restart and a later writer with the same key continues it; without one the
    /// temporary file is removed on dispose unless committed.
    /// </summary>
    public BlobWriter OpenWriter(string? resumeKey = null)
    {
        if (resumeKey is not null)
        {
            var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(resumeKey))) + ".partial";
            var path = Path.Combine(IngestDirectory, name);
            if (ClaimedPartials.TryAdd(path, 0))
            {
                try
                {
                    var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 0, FileOptions.None);
                    return new BlobWriter(this, path, stream, keepOnFailure: true, release: () => ClaimedPartials.TryRemove(path, out _));
                }
                catch (IOException)
                {
                    ClaimedPartials.TryRemove(path, out _);
                }
            }
        }

        var temp = Path.Combine(IngestDirectory, Guid.NewGuid().ToString("N") + ".tmp");
        var tempStream = new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 0, FileOptions.None);
        return new BlobWriter(this, temp, tempStream, keepOnFailure: false, release: null);
    }

    /// <summary>Removes partial and temporary files older than <paramref name="olderThan"/>; returns how many.</summary>
    public int CleanIngest(TimeSpan olderThan)
    {
        var removed = 0;
        var limit = DateTime.UtcNow - olderThan;
        foreach (var file in Directory.EnumerateFiles(IngestDirectory))
        {
            if (File.GetLastWriteTimeUtc(file) < limit && !ClaimedPartials.ContainsKey(file))
            {
                try
                {
                    File.Delete(file);
                    removed++;
                }
                catch (IOException)
                {
                }
            }
        }

        return removed;
    }

    internal string Publish(string tempPath, string digest)
    {
        var target = GetPath(digest);
        try
        {
            File.Move(tempPath, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            File.Delete(tempPath);
        }

        return digest;
    }
}
