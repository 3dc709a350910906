using System.Text.Json.Nodes;
using Universe.Builder.Build;
using Universe.Builder.Serving;
using Universe.Cosmos.Packages;
using Universe.Registry;

namespace Universe.Builder.Bundles;

/// <summary>
/// What <c>universe serve &lt;bundle&gt;</c> serves from one version of a bundle manifest: the repo files built from the
/// bundle's repository index with every mirrored URL and image rewritten to the public URL (at serve time; the bundle
/// itself keeps the upstream URLs), the stored resources by digest, and the images by served repository name.
/// </summary>
public sealed class BundleView
{
    private const string EmptyDigest = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private readonly Dictionary<string, Dictionary<string, ImageEntry>> _repositories;
    private readonly Dictionary<string, HashSet<string>> _repositoryBlobs;

    private BundleView(
        BundleManifest manifest,
        IReadOnlyList<string> problems,
        BlobStore store,
        RepoSnapshot snapshot,
        Dictionary<string, Dictionary<string, ImageEntry>> repositories,
        Dictionary<string, HashSet<string>> repositoryBlobs)
    {
        Manifest = manifest;
        Problems = problems;
        Store = store;
        Snapshot = snapshot;
        _repositories = repositories;
        _repositoryBlobs = repositoryBlobs;
        ResourceTypes = manifest.Resources.Values
            .GroupBy(r => r.Digest, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().MediaType, StringComparer.Ordinal);
    }

    /// <summary>The bundle's manifest without the entries <see cref="BundleManifestRules"/> refuses (those are in <see cref="Problems"/>).</summary>
    public BundleManifest Manifest { get; }

    /// <summary>The entries of <c>bundle.json</c> that are skipped, and why.</summary>
    public IReadOnlyList<string> Problems { get; }

    public BlobStore Store { get; }

    public RepoSnapshot Snapshot { get; }

    /// <summary>Every mirrored resource's digest, with the media type its first URL was stored with (null when unknown).</summary>
    public IReadOnlyDictionary<string, string?> ResourceTypes { get; }

    /// <summary>The served repository names (<c>_catalog</c>), sorted.</summary>
    public IEnumerable<string> RepositoryNames => _repositories.Keys.Order(StringComparer.Ordinal);

    /// <summary>The repository name an image is served under (the rule of <see cref="ServedImageNames"/>).</summary>
    public static string ServedRepository(string registry, string repository) => ServedImageNames.Repository(registry, repository);

    /// <summary>True when <paramref name="name"/> is a served repository.</summary>
    public bool HasRepository(string name) => _repositories.ContainsKey(name);

    /// <summary>The tags of a served repository, or null when it is not served.</summary>
    public IReadOnlyList<string>? Tags(string name) =>
        _repositories.TryGetValue(name, out var refs) ? [.. refs.Keys.Where(k => !k.StartsWith(ContentDigest.Sha256Prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal)] : null;

    /// <summary>The image a served <c>name</c> and tag or digest (manifest or index) refers to.</summary>
    public ImageEntry? Find(string name, string reference) =>
        _repositories.TryGetValue(name, out var refs) ? refs.GetValueOrDefault(reference) : null;

    /// <summary>True when <paramref name="digest"/> is a blob of an image served as <paramref name="name"/>.</summary>
    public bool HasBlob(string name, string digest) => _repositoryBlobs.TryGetValue(name, out var blobs) && blobs.Contains(digest);

    /// <summary>
    /// The path of a stored blob that may be served: a regular file in the bundle's own <c>blobs/sha256</c> tree. A link
    /// (the blob, <c>blobs/sha256</c> or <c>blobs</c>; a bundle copied from media is not checked as an import is) could
    /// point anywhere on the host, so it is never followed: null, as for a missing blob. So is an empty file under any
    /// digest but the empty content's, which is also what a FIFO or a device node (that would hang or stream forever)
    /// looks like.
    /// </summary>
    public string? ServablePath(string digest)
    {
        if (!ContentDigest.IsValid(digest))
        {
            return null;
        }

        var path = Store.GetPath(digest);
        var file = new FileInfo(path);
        var tree = new DirectoryInfo(Store.BlobsDirectory);
        return file.Exists && file.LinkTarget is null && tree.LinkTarget is null && tree.Parent?.LinkTarget is null
            && (file.Length > 0 || digest == EmptyDigest) ? path : null;
    }

    public static async Task<BundleView> LoadAsync(string bundleDirectory, Uri publicUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(publicUrl);
        var read = await BundleManifest.ReadAsync(bundleDirectory, cancellationToken)
            ?? throw new InvalidDataException($"{bundleDirectory} is not a bundle (no {BundleManifest.FileName})");
        var manifest = BundleManifestRules.Sanitize(read, out var problems);
        var store = new BlobStore(bundleDirectory);
        var packages = manifest.Repository is { } repository && store.Has(repository.Digest)
            ? (await RepoIndexReader.ReadFileAsync(store.GetPath(repository.Digest), cancellationToken)).Packages
            : [];
        var registryHost = publicUrl.IsDefaultPort ? publicUrl.Host : publicUrl.Authority;
        var rewritten = packages.Select(p => Rewrite(p, manifest, publicUrl, registryHost)).ToArray();
        var modified = File.GetLastWriteTimeUtc(Path.Combine(bundleDirectory, BundleManifest.FileName));
        var snapshot = new RepoSnapshot(RepoGenerator.Generate(rewritten, DcosVersions.Default), new DateTimeOffset(modified, TimeSpan.Zero));
        snapshot.Warm();
        var repositories = new Dictionary<string, Dictionary<string, ImageEntry>>(StringComparer.Ordinal);
        var repositoryBlobs = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (reference, entry) in manifest.Images)
        {
            var name = ServedRepository(entry.Registry, entry.Repository);
            if (!repositories.TryGetValue(name, out var refs))
            {
                refs = repositories[name] = new Dictionary<string, ImageEntry>(StringComparer.Ordinal);
                repositoryBlobs[name] = new HashSet<string>(StringComparer.Ordinal);
            }

            repositoryBlobs[name].UnionWith(entry.Blobs);
            var parsed = ImageReference.TryParse(reference, out var image) ? image : null;
            if (parsed is { IsDigest: false })
            {
                refs[parsed.Tag ?? ImageReference.DefaultTag] = entry;
            }

            refs[entry.ManifestDigest] = entry;
            if (entry.IndexDigest is { } index)
            {
                refs[index] = entry;
            }
        }

        return new BundleView(manifest, problems, store, snapshot, repositories, repositoryBlobs);
    }

    /// <summary>The stable public path of a stored resource: <c>resources/&lt;hex&gt;/&lt;file name&gt;</c>.</summary>
    public static string ResourcePath(string url, string digest)
    {
        var name = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? Path.GetFileName(uri.AbsolutePath) : string.Empty;
        var safe = new string([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]).TrimStart('.');
        return $"resources/{digest[ContentDigest.Sha256Prefix.Length..]}/{(safe.Length == 0 ? "file" : safe)}";
    }

    private static PackageDefinition Rewrite(PackageDefinition package, BundleManifest manifest, Uri publicUrl, string registryHost)
    {
        var json = (JsonObject)package.Json.DeepClone();
        string? Url(string? original) =>
            original is not null && manifest.Resources.TryGetValue(original, out var entry) ? new Uri(publicUrl, ResourcePath(original, entry.Digest)).ToString() : null;

        void Replace(JsonObject? parent, string key)
        {
            if (parent?[key] is JsonValue v && v.TryGetValue(out string? text) && Url(text) is { } replaced)
            {
                parent[key] = replaced;
            }
        }

        var resource = json["resource"] as JsonObject;
        if (resource?["assets"] is JsonObject assets)
        {
            if (assets["uris"] is JsonObject uris)
            {
                foreach (var key in uris.Select(p => p.Key).ToArray())
                {
                    Replace(uris, key);
                }
            }

            if (assets["container"]?["docker"] is JsonObject docker)
            {
                foreach (var key in docker.Select(p => p.Key).ToArray())
                {
                    if (docker[key] is JsonValue v && v.TryGetValue(out string? reference) && manifest.Images.TryGetValue(reference, out var image))
                    {
                        docker[key] = ServedImageNames.Reference(registryHost, image.Registry, image.Repository, reference);
                    }
                }
            }
        }

        if (resource?["images"] is JsonObject images)
        {
            foreach (var key in images.Select(p => p.Key).ToArray())
            {
                if (images[key] is JsonArray screenshots)
                {
                    for (var i = 0; i < screenshots.Count; i++)
                    {
                        if (screenshots[i] is JsonValue s && s.TryGetValue(out string? text) && Url(text) is { } replaced)
                        {
                            screenshots[i] = replaced;
                        }
                    }
                }
                else
                {
                    Replace(images, key);
                }
            }
        }

        foreach (var (_, os) in resource?["cli"]?["binaries"] as JsonObject ?? [])
        {
            foreach (var (_, binary) in os as JsonObject ?? [])
            {
                Replace(binary as JsonObject, "url");
            }
        }

        if (json["command"]?["pip"] is JsonArray pip)
        {
            for (var i = 0; i < pip.Count; i++)
            {
                if (pip[i] is JsonValue line && line.TryGetValue(out string? text) && Url(text) is { } replaced)
                {
                    pip[i] = replaced;
                }
            }
        }

        return PackageDecoder.Decode(json);
    }
}
