namespace Universe.Registry;

/// <summary>A manifest or index exactly as the registry sent it, digest-verified.</summary>
/// <param name="MediaType">Its media type (from the document, else the Content-Type).</param>
/// <param name="Digest">The sha256 of <paramref name="Content"/> (checked against the request digest and Docker-Content-Digest).</param>
/// <param name="Content">The exact bytes.</param>
public sealed record FetchedManifest(string MediaType, string Digest, ReadOnlyMemory<byte> Content)
{
    /// <summary>True for a manifest list or OCI index.</summary>
    public bool IsIndex => MediaTypes.IsIndex(MediaType);

    /// <summary>Parses it as an image manifest.</summary>
    public ImageManifest ParseManifest() => ManifestParser.ParseManifest(Content.Span, MediaType);

    /// <summary>Parses it as an index.</summary>
    public ImageIndex ParseIndex() => ManifestParser.ParseIndex(Content.Span, MediaType);
}

/// <summary>What a manifest HEAD request tells: digest (when the registry sends one), media type and size.</summary>
public sealed record ManifestInfo(string? Digest, string? MediaType, long? Size);

/// <summary>An image reference resolved to one platform's manifest.</summary>
/// <param name="Image">The reference asked for.</param>
/// <param name="Index">The manifest list / index when the reference named one (its bytes are kept), else null.</param>
/// <param name="Manifest">The platform's image manifest (exact bytes).</param>
/// <param name="Parsed">The parsed <paramref name="Manifest"/>.</param>
/// <param name="Source">The registry host that served it (a mirror or the upstream endpoint).</param>
public sealed record ResolvedImage(ImageReference Image, FetchedManifest? Index, FetchedManifest Manifest, ImageManifest Parsed, string Source)
{
    /// <summary>The digest the reference resolved to: the index's when there is one, else the manifest's.</summary>
    public string ResolvedDigest => Index?.Digest ?? Manifest.Digest;
}
