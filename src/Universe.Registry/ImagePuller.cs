namespace Universe.Registry;

/// <summary>Progress of a pull: bytes and layers done, reported after every chunk and every finished blob.</summary>
/// <param name="Image">The image being pulled.</param>
/// <param name="BytesDone">Bytes downloaded or found in the store so far (config and layers).</param>
/// <param name="BytesTotal">Total bytes of config and layers.</param>
/// <param name="LayersDone">Layers downloaded or already present.</param>
/// <param name="LayersTotal">Number of layers.</param>
public sealed record PullProgress(ImageReference Image, long BytesDone, long BytesTotal, int LayersDone, int LayersTotal);

/// <summary>Options of one pull.</summary>
public sealed record PullOptions
{
    /// <summary>The platform to resolve an index to (default: the client's <see cref="RegistryClientOptions.Platform"/>).</summary>
    public Platform? Platform { get; init; }

    /// <summary>Receives progress; called from download threads, possibly concurrently-ordered but never concurrently.</summary>
    public Action<PullProgress>? Progress { get; init; }

    /// <summary>How many blobs download at once.</summary>
    public int MaxParallelDownloads { get; init; } = 3;
}

/// <summary>The outcome of a pull: everything is in the blob store under these digests.</summary>
/// <param name="Image">The reference pulled.</param>
/// <param name="IndexDigest">The index / manifest list digest when the reference named one, else null.</param>
/// <param name="IndexMediaType">Its media type, else null.</param>
/// <param name="ManifestDigest">The platform manifest's digest.</param>
/// <param name="ManifestMediaType">Its media type (Docker schema 2 or OCI).</param>
/// <param name="Config">The config descriptor.</param>
/// <param name="ImageConfig">The parsed config (env, entrypoint, cmd, working dir, user, diff ids…).</param>
/// <param name="Layers">The layer descriptors, base first.</param>
/// <param name="Source">The registry host that served it (a mirror or the upstream endpoint).</param>
/// <param name="BytesDownloaded">Bytes actually fetched (0 when everything was already stored).</param>
public sealed record PulledImage(
    ImageReference Image,
    string? IndexDigest,
    string? IndexMediaType,
    string ManifestDigest,
    string ManifestMediaType,
    Descriptor Config,
    ImageConfig ImageConfig,
    IReadOnlyList<Descriptor> Layers,
    string Source,
    long BytesDownloaded)
{
    /// <summary>What the reference resolved to: the index digest when there is one, else the manifest digest. Record it for floating tags.</summary>
    public string ResolvedDigest => IndexDigest ?? ManifestDigest;

    /// <summary>The reference pinned to <see cref="ResolvedDigest"/>.</summary>
    public ImageReference Pinned => Image.WithDigest(ResolvedDigest);
}

/// <summary>
/// Pulls images (index, manifest, config, layers) into a <see cref="BlobStore"/>, skipping blobs already stored,
/// verifying every digest and reporting progress.
/// </summary>
public sealed class ImagePuller(RegistryClient client, BlobStore store)
{
    /// <summary>The store images are pulled into.</summary>
    public BlobStore Store => store;

    /// <summary>Pulls <paramref name="image"/>. Manifests are always asked of the registry (tags move); blobs come from the store when present.</summary>
    public async Task<PulledImage> PullAsync(ImageReference image, PullOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        options ??= new PullOptions();
        var resolved = await client.ResolveAsync(image, options.Platform, cancellationToken);
        var manifest = resolved.Parsed;
        foreach (var layer in manifest.Layers)
        {
            if (!MediaTypes.IsLayer(layer.MediaType))
            {
                throw new RegistryException(RegistryErrorKind.InvalidManifest, $"{image}: layer {layer.Digest} has unsupported media type {Failures.Clean(layer.MediaType, 100)}");
            }
        }

        if (manifest.Config.Size > ManifestParser.MaxConfigBytes)
        {
            throw new RegistryException(RegistryErrorKind.InvalidManifest, $"{image}: config is larger than {ManifestParser.MaxConfigBytes} bytes");
        }

        var total = manifest.Config.Size + manifest.Layers.Sum(l => l.Size);
        var progress = new ProgressState(image, total, manifest.Layers.Count, options.Progress);

        var blobs = new List<(Descriptor Blob, bool IsLayer)> { (manifest.Config, false) };
        blobs.AddRange(manifest.Layers.Select(l => (l, true)));
        var downloaded = 0L;
        var distinct = blobs.DistinctBy(b => b.Blob.Digest).ToList();
        await Parallel.ForEachAsync(
            distinct,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.MaxParallelDownloads), CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                long fetched = 0;
                var didFetch = await client.DownloadBlobAsync(image, item.Blob, store, delta =>
                {
                    fetched += delta;
                    progress.AddBytes(delta);
                }, ct);
                Interlocked.Add(ref downloaded, fetched);
                if (!didFetch)
                {
                    progress.AddBytes(item.Blob.Size);
                }
                else if (fetched < item.Blob.Size)
                {
                    progress.AddBytes(item.Blob.Size - fetched);
                }

                var copies = item.IsLayer ? blobs.Count(b => b.IsLayer && b.Blob.Digest == item.Blob.Digest) : 0;
                progress.LayersFinished(copies);
            });

        if (resolved.Index is { } index)
        {
            await store.ImportAsync(index.Content, index.Digest, cancellationToken);
        }

        await store.ImportAsync(resolved.Manifest.Content, resolved.Manifest.Digest, cancellationToken);
        var configBytes = await store.ReadAllBytesAsync(manifest.Config.Digest, cancellationToken);
        var config = ManifestParser.ParseConfig(configBytes);
        return new PulledImage(
            image,
            resolved.Index?.Digest,
            resolved.Index?.MediaType,
            resolved.Manifest.Digest,
            resolved.Manifest.MediaType,
            manifest.Config,
            config,
            manifest.Layers,
            resolved.Source,
            downloaded);
    }

    private sealed class ProgressState(ImageReference image, long total, int layers, Action<PullProgress>? callback)
    {
        private readonly Lock _lock = new();
        private long _bytes;
        private int _layers;

        public void AddBytes(long delta)
        {
            lock (_lock)
            {
                _bytes = Math.Min(total, _bytes + delta);
                callback?.Invoke(new PullProgress(image, _bytes, total, _layers, layers));
            }
        }

        public void LayersFinished(int count)
        {
            lock (_lock)
            {
                _layers += count;
                callback?.Invoke(new PullProgress(image, _bytes, total, _layers, layers));
            }
        }
    }
}
