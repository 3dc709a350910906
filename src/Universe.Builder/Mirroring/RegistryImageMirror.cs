using Universe.Builder.Bundles;
using Universe.Registry;

namespace Universe.Builder.Mirroring;

/// <summary>
/// Mirrors images with the shared <see cref="ImagePuller"/> (Registry API v2: bearer or basic auth, manifest lists and
/// OCI indexes resolved to linux/amd64 with the index kept, every blob verified) into the bundle's store. A re-mirror
/// of a digest reference whose blobs are all stored sends no request; a tag costs one manifest HEAD when its digest
/// is unchanged. Tags are recorded with the digest they resolved to.
/// </summary>
public sealed class RegistryImageMirror(RegistryClient client, BlobStore store) : IImageMirror
{
    public async Task<ImageFetchResult> MirrorAsync(string reference, ImageEntry? previous, Action<long> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        if (!ImageReference.TryParse(reference, out var image))
        {
            return Failed(reference, FailureCause.InvalidReference, "not a valid image reference");
        }

        try
        {
            if (previous is not null && previous.Blobs.All(d => ContentDigest.IsValid(d) && store.Has(d)))
            {
                if (image.IsDigest)
                {
                    return new ImageFetchResult(reference, previous, false, null);
                }

                var head = await client.HeadManifestAsync(image, cancellationToken: cancellationToken);
                if (head?.Digest is { } digest && digest == (previous.IndexDigest ?? previous.ManifestDigest))
                {
                    return new ImageFetchResult(reference, previous, false, null);
                }
            }

            long reported = 0;
            var pulled = await new ImagePuller(client, store).PullAsync(
                image,
                new PullOptions
                {
                    Progress = p =>
                    {
                        var delta = p.BytesDone - Interlocked.Exchange(ref reported, p.BytesDone);
                        if (delta > 0)
                        {
                            progress(delta);
                        }
                    },
                },
                cancellationToken);
            var blobs = new List<string>();
            if (pulled.IndexDigest is { } index)
            {
                blobs.Add(index);
            }

            blobs.Add(pulled.ManifestDigest);
            blobs.Add(pulled.Config.Digest);
            blobs.AddRange(pulled.Layers.Select(l => l.Digest).Distinct(StringComparer.Ordinal));
            var entry = new ImageEntry(
                image.Registry,
                image.Repository,
                image.Tag,
                pulled.ManifestDigest,
                pulled.ManifestMediaType,
                pulled.IndexDigest,
                pulled.IndexMediaType,
                !image.IsDigest && (image.IsTagDefaulted || image.Tag == ImageReference.DefaultTag),
                blobs);
            var changed = previous is null || previous.ManifestDigest != entry.ManifestDigest || previous.IndexDigest != entry.IndexDigest;
            return new ImageFetchResult(reference, entry, changed || pulled.BytesDownloaded > 0, null);
        }
        catch (RegistryException e)
        {
            var cause = e.Kind switch
            {
                RegistryErrorKind.ProxyAuthenticationRequired => FailureCause.ProxyRefused,
                RegistryErrorKind.DigestMismatch => FailureCause.DigestMismatch,
                RegistryErrorKind.Network => FailureCause.Network,
                RegistryErrorKind.HttpError => FailureCause.HttpStatus,
                _ => FailureCause.Registry,
            };
            return Failed(reference, cause, $"{e.Kind}: {Redaction.Text(e.Message)}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed(reference, FailureCause.Timeout, "the registry did not answer in time");
        }
    }

    private static ImageFetchResult Failed(string reference, FailureCause cause, string detail) =>
        new(reference, null, false, new ArtifactFailure(reference, cause, detail));
}
