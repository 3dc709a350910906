using Universe.Builder.Bundles;

namespace Universe.Builder.Mirroring;

/// <summary>TEMPORARY until the shared registry puller lands: every image fails with a clear cause.</summary>
public sealed class UnavailableImageMirror : IImageMirror
{
    public Task<ImageFetchResult> MirrorAsync(string reference, ImageEntry? previous, Action<long> progress, CancellationToken cancellationToken) =>
        Task.FromResult(new ImageFetchResult(reference, null, false, new ArtifactFailure(reference, FailureCause.Registry, "image mirroring is not available in this build")));
}
