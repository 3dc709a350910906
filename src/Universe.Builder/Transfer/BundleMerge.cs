using Universe.Builder.Bundles;
using Universe.Cosmos.Packages;
using Universe.Registry;

namespace Universe.Builder.Transfer;

/// <summary>Merges an incoming bundle manifest into an existing one: union of URLs, images and packages, the incoming side winning.</summary>
public static class BundleMerge
{
    public static async Task<BundleManifest> MergeAsync(BundleManifest existing, BundleManifest incoming, BlobStore blobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(incoming);
        ArgumentNullException.ThrowIfNull(blobs);
        var resources = new SortedDictionary<string, ResourceEntry>(StringComparer.Ordinal);
        foreach (var (url, entry) in existing.Resources.Concat(incoming.Resources))
        {
            resources[url] = entry;
        }

        var images = new SortedDictionary<string, ImageEntry>(StringComparer.Ordinal);
        foreach (var (reference, entry) in existing.Images.Concat(incoming.Images))
        {
            images[reference] = entry;
        }

        var packages = existing.Packages.Concat(incoming.Packages)
            .GroupBy(p => (p.Name, p.ReleaseVersion))
            .Select(g => g.Last())
            .OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.ReleaseVersion)
            .ToArray();
        var definitions = new Dictionary<(string, long), PackageDefinition>();
        foreach (var repository in new[] { existing.Repository, incoming.Repository })
        {
            if (repository is not null && blobs.Has(repository.Digest))
            {
                foreach (var package in (await RepoIndexReader.ReadFileAsync(blobs.GetPath(repository.Digest), cancellationToken)).Packages)
                {
                    definitions[(package.Name, package.ReleaseVersion)] = package;
                }
            }
        }

        var index = await RepoIndexWriter.ToBytesAsync(
            definitions.Values.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.ReleaseVersion),
            cancellationToken: cancellationToken);
        return incoming with
        {
            DcosVersions = [.. existing.DcosVersions.Union(incoming.DcosVersions, StringComparer.Ordinal)],
            Repository = new BlobReference(await blobs.ImportAsync(index, cancellationToken: cancellationToken), index.Length),
            Resources = resources,
            Images = images,
            Packages = packages,
        };
    }
}
