using Universe.Builder.Bundles;

namespace Universe.Builder.Mirroring;

/// <summary>The result of a mirror run: the new manifest, counts, and the failures.</summary>
public sealed record MirrorOutcome(
    BundleManifest Manifest,
    int Fetched,
    int Unchanged,
    long BytesDownloaded,
    TimeSpan Elapsed,
    IReadOnlyList<ArtifactFailure> Failures)
{
    public int IncompletePackages => Manifest.Packages.Count(p => !p.Complete);
}
