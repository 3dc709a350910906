namespace Universe.Registry;

/// <summary>The outcome of <see cref="BlobDownloader.FetchAsync"/>.</summary>
public sealed record BlobDownloadResult
{
    /// <summary>The stored blob's digest; null when <see cref="NotModified"/>.</summary>
    public string? Digest { get; init; }

    /// <summary>The stored blob's size in bytes (0 when <see cref="NotModified"/>).</summary>
    public long Size { get; init; }

    /// <summary>The server answered 304 to the conditional request: the earlier copy is current, nothing was stored.</summary>
    public bool NotModified { get; init; }

    /// <summary>Bytes were transferred and stored now (false when the expected digest was already stored).</summary>
    public bool Downloaded { get; init; }

    /// <summary>The response's media type (no parameters), when a response carried the content.</summary>
    public string? MediaType { get; init; }

    /// <summary>The response's <c>ETag</c> (as sent, quotes and <c>W/</c> included), when a response carried the content.</summary>
    public string? ETag { get; init; }

    /// <summary>The response's <c>Last-Modified</c> (RFC 1123), when a response carried the content.</summary>
    public string? LastModified { get; init; }
}
