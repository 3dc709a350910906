using Universe.Builder.Bundles;

namespace Universe.Builder.Mirroring;

/// <summary>The outcome for one URL: its stored entry (and whether bytes were downloaded), or the failure.</summary>
public sealed record ResourceFetchResult(string Url, ResourceEntry? Entry, bool Downloaded, ArtifactFailure? Failure)
{
    public static ResourceFetchResult Unchanged(string url, ResourceEntry entry) => new(url, entry, false, null);

    public static ResourceFetchResult Fetched(string url, ResourceEntry entry) => new(url, entry, true, null);

    public static ResourceFetchResult Failed(string url, FailureCause cause, string detail) => new(url, null, false, new ArtifactFailure(url, cause, detail));
}
