using System.Security.Cryptography;
using System.Text;
using Universe.Builder.Bundles;
using Universe.Cosmos.Packages;
using Universe.Registry;

namespace Universe.Builder.Tests.TestSupport;

/// <summary>
/// A bundle written by hand (no mirror, no registry tools): blobs in the store, images as OCI manifests over one config
/// and one layer, resources, a repository index, and a <c>bundle.json</c> that tests may then spoil on purpose.
/// </summary>
public sealed class HandMadeBundle(string directory)
{
    public string Directory { get; } = directory;

    public BlobStore Store { get; } = new(directory);

    public SortedDictionary<string, ImageEntry> Images { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, ResourceEntry> Resources { get; } = new(StringComparer.Ordinal);

    public BlobReference? Repository { get; private set; }

    public async Task<string> BlobAsync(byte[] content) => await Store.ImportAsync(content);

    /// <summary>Stores an image (OCI manifest, config, one random layer) and records it under <paramref name="reference"/>.</summary>
    public async Task<ImageEntry> AddImageAsync(string reference, string registry, string repository, string tag)
    {
        var layer = await BlobAsync(RandomNumberGenerator.GetBytes(4096));
        var config = await BlobAsync(Encoding.UTF8.GetBytes("""{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[""" + $"\"{layer}\"]}}}}"));
        var manifest = await BlobAsync(Encoding.UTF8.GetBytes(
            $$"""{"schemaVersion":2,"mediaType":"{{MediaTypes.OciManifest}}","config":{"mediaType":"{{MediaTypes.OciConfig}}","digest":"{{config}}","size":1},"layers":[{"mediaType":"{{MediaTypes.OciLayerGzip}}","digest":"{{layer}}","size":4096}]}"""));
        var entry = new ImageEntry(registry, repository, tag, manifest, MediaTypes.OciManifest, null, null, false, [manifest, config, layer]);
        Images[reference] = entry;
        return entry;
    }

    public async Task<ResourceEntry> AddResourceAsync(string url, byte[] content, string? mediaType = null)
    {
        var entry = new ResourceEntry(await BlobAsync(content), content.Length, mediaType, null, null);
        Resources[url] = entry;
        return entry;
    }

    public async Task SetPackagesAsync(params PackageDefinition[] packages)
    {
        using var index = new MemoryStream();
        await RepoIndexWriter.WriteAsync(index, packages);
        Repository = new BlobReference(await BlobAsync(index.ToArray()), index.Length);
    }

    public BundleManifest Manifest() => new()
    {
        Repository = Repository,
        Resources = new SortedDictionary<string, ResourceEntry>(Resources, StringComparer.Ordinal),
        Images = new SortedDictionary<string, ImageEntry>(Images, StringComparer.Ordinal),
    };

    public Task WriteAsync() => Manifest().WriteAsync(Directory, CancellationToken.None);
}
