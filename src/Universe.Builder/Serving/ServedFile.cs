using System.IO.Compression;
using System.Security.Cryptography;
using Universe.Builder.Build;

namespace Universe.Builder.Serving;

/// <summary>
/// A repo file ready to serve: its bytes (shared segments), a strong ETag from a content hash, and its gzip form,
/// compressed once on first use. Thread-safe.
/// </summary>
public sealed class ServedFile
{
    private readonly Lazy<string> _etag;
    private readonly Lazy<byte[]> _gzip;

    public ServedFile(RepoFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        File = file;
        _etag = new(() => ComputeETag(file), LazyThreadSafetyMode.ExecutionAndPublication);
        _gzip = new(() => Compress(file), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public RepoFile File { get; }

    /// <summary>The strong ETag of the identity representation (quoted).</summary>
    public string ETag => _etag.Value;

    /// <summary>The strong ETag of the gzip representation (quoted).</summary>
    public string GzipETag => _etag.Value[..^1] + "-gz\"";

    /// <summary>The gzip-compressed bytes.</summary>
    public byte[] Gzip => _gzip.Value;

    /// <summary>Computes the ETag and the gzip form now (so the first requests do not wait for them).</summary>
    public void Warm()
    {
        _ = _etag.Value;
        _ = _gzip.Value;
    }

    private static string ComputeETag(RepoFile file)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var segment in file.Segments)
        {
            hash.AppendData(segment.Span);
        }

        return "\"" + Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 16)) + "\"";
    }

    private static byte[] Compress(RepoFile file)
    {
        using var buffer = new MemoryStream((int)Math.Min(int.MaxValue, (file.Length / 4) + 64));
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            foreach (var segment in file.Segments)
            {
                gzip.Write(segment.Span);
            }
        }

        return buffer.ToArray();
    }
}
