namespace Universe.Registry;

/// <summary>One HTTP download into a <see cref="BlobStore"/> (see <see cref="BlobDownloader.FetchAsync"/>).</summary>
public sealed record BlobDownloadRequest
{
    /// <summary>The http(s) URL.</summary>
    public required Uri Url { get; init; }

    /// <summary>The content's digest when known (declared sha256, registry digest): verified, and a stored blob needs no request.</summary>
    public string? ExpectedDigest { get; init; }

    /// <summary>The content's size when known: verified, and a larger body is refused early.</summary>
    public long? ExpectedSize { get; init; }

    /// <summary>The ETag of the copy stored by an earlier run: sent as <c>If-None-Match</c>; 304 gives <see cref="BlobDownloadResult.NotModified"/>.</summary>
    public string? IfNoneMatch { get; init; }

    /// <summary>The <c>Last-Modified</c> of the copy stored by an earlier run: sent as <c>If-Modified-Since</c>.</summary>
    public string? IfModifiedSince { get; init; }

    /// <summary>
    /// When the expected digest is already stored, return it without a request (true by default: a blob is its digest).
    /// False makes the URL prove it still serves that content (the mirror reports a URL that serves something else).
    /// </summary>
    public bool ReuseStored { get; init; } = true;

    /// <summary>True when a conditional header is set.</summary>
    public bool IsConditional => IfNoneMatch is not null || IfModifiedSince is not null;
}
