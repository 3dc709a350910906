namespace Universe.Runtime.Containers;

/// <summary>
/// Pull progress of one task's image (shown in the task's status message and in <c>/v2/queue</c>): bytes and layers done
/// of the total, 0/0 while the manifest is being resolved.
/// </summary>
internal sealed record ImagePullStatus(string TaskId, string AppId, string Image, long BytesDone, long BytesTotal, int LayersDone, int LayersTotal)
{
    /// <summary>E.g. <c>Pulling image web: 12.3/100.0 MB, 1/3 layers</c>; <c>Pulling image web: resolving</c> before the manifest is known.</summary>
    public string Message => BytesTotal <= 0
        ? "Pulling image " + Image + ": resolving"
        : "Pulling image " + Image + ": " + Megabytes(BytesDone) + "/" + Megabytes(BytesTotal) + " MB, "
            + LayersDone.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/" + LayersTotal.ToString(System.Globalization.CultureInfo.InvariantCulture) + " layers";

    private static string Megabytes(long bytes) => (bytes / 1_000_000.0).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Where images come from: a registry (through the shared client, mirrors and credentials) and a local cache.</summary>
internal interface IImageSource
{
    /// <summary>
    /// The image, from the cache unless <paramref name="forcePull"/> or it is not there; pulled (with progress) otherwise.
    /// Throws <see cref="ContainerException"/> with a readable reason when it cannot be had.
    /// </summary>
    Task<ContainerImage> GetAsync(string image, bool forcePull, Action<long, long, int, int>? progress, CancellationToken cancellationToken);

    /// <summary>Diff ids of the layers of every image still cached (for layer garbage collection).</summary>
    IReadOnlySet<string> CachedDiffIds();

    /// <summary>Forgets cached images not used for <paramref name="unusedFor"/> and not in <paramref name="inUse"/>.</summary>
    void ForgetUnused(IReadOnlySet<string> inUse, TimeSpan unusedFor);
}
