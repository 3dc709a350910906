using Universe.Builder.Bundles;

namespace Universe.Builder.Mirroring;

/// <summary>Mirrors one image reference into the bundle's blobs (index kept, linux/amd64 manifest, config, layers).</summary>
public interface IImageMirror
{
    /// <summary>
    /// Pulls <paramref name="reference"/>; with a <paramref name="previous"/> entry whose blobs are all stored, a digest
    /// reference needs no request and a tag needs only its manifest's digest.
    /// </summary>
    Task<ImageFetchResult> MirrorAsync(string reference, ImageEntry? previous, Action<long> progress, CancellationToken cancellationToken);
}

/// <summary>The outcome for one image: its entry (and whether anything was downloaded), or the failure.</summary>
public sealed record ImageFetchResult(string Reference, ImageEntry? Entry, bool Downloaded, ArtifactFailure? Failure);
