using System.Text.Json;
using System.Text.Json.Serialization;

namespace Universe.Builder.Bundles;

/// <summary>
/// <c>bundle.json</c>, the manifest of a bundle: the repository index blob (original URLs, never rewritten), every
/// mirrored URL → blob digest (with the validators used for conditional re-mirrors), every image → manifest digest,
/// and every package → its artifacts, with the failures that left it incomplete. Holds no credentials.
/// </summary>
public sealed record BundleManifest
{
    public const string FileName = "bundle.json";
    public const int CurrentSchemaVersion = 1;

    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    /// <summary>The source the bundle was mirrored from (credentials removed).</summary>
    public string? Source { get; init; }

    /// <summary>The DC/OS versions the selection was made for (empty: any).</summary>
    public IReadOnlyList<string> DcosVersions { get; init; } = [];

    /// <summary>The repo index (<c>{"packages":[…]}</c>, original URLs) of the mirrored revisions, as a blob.</summary>
    public BlobReference? Repository { get; init; }

    /// <summary>URL → stored blob.</summary>
    public IReadOnlyDictionary<string, ResourceEntry> Resources { get; init; } = new SortedDictionary<string, ResourceEntry>(StringComparer.Ordinal);

    /// <summary>Image reference as the package wrote it → what it resolved to.</summary>
    public IReadOnlyDictionary<string, ImageEntry> Images { get; init; } = new SortedDictionary<string, ImageEntry>(StringComparer.Ordinal);

    public IReadOnlyList<PackageEntry> Packages { get; init; } = [];

    public static async Task<BundleManifest?> ReadAsync(string bundleDirectory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(bundleDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        var manifest = await JsonSerializer.DeserializeAsync<BundleManifest>(stream, JsonOptions, cancellationToken)
            ?? throw new InvalidDataException($"{path} is empty");
        return manifest.SchemaVersion == CurrentSchemaVersion
            ? manifest
            : throw new InvalidDataException($"{path}: schemaVersion {manifest.SchemaVersion} is not supported (expected {CurrentSchemaVersion})");
    }

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, JsonOptions);

    public static BundleManifest Parse(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<BundleManifest>(json, JsonOptions) ?? throw new InvalidDataException("empty bundle manifest");

    /// <summary>
    /// Writes atomically (temp file, flush, rename): a crash leaves the old manifest or the new one. The blob tree's
    /// directory is flushed first, so a manifest that survives a machine crash never names a blob whose rename into
    /// the tree did not (each blob's bytes were flushed when it was stored).
    /// </summary>
    public async Task WriteAsync(string bundleDirectory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(bundleDirectory, FileName);
        FlushBlobTree(bundleDirectory);
        await Universe.IO.AtomicFile.WriteAllBytesAsync(path, ToBytes(), cancellationToken);
    }

    /// <summary>
    /// Like <see cref="WriteAsync"/>, but leaves the file alone (no write, no fsync, same mtime) when it already holds
    /// exactly these bytes, as after a re-mirror where nothing changed. Returns whether it wrote.
    /// </summary>
    public async Task<bool> WriteIfChangedAsync(string bundleDirectory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(bundleDirectory, FileName);
        var bytes = ToBytes();
        var existing = new FileInfo(path);
        if (existing.Exists && existing.Length == bytes.Length
            && (await File.ReadAllBytesAsync(path, cancellationToken)).AsSpan().SequenceEqual(bytes))
        {
            return false;
        }

        FlushBlobTree(bundleDirectory);
        await Universe.IO.AtomicFile.WriteAllBytesAsync(path, bytes, cancellationToken);
        return true;
    }

    private static void FlushBlobTree(string bundleDirectory)
    {
        var tree = Universe.Registry.BlobStore.BlobsDirectoryOf(bundleDirectory);
        if (Directory.Exists(tree))
        {
            Universe.IO.AtomicFile.FlushDirectory(tree);
        }
    }

    /// <summary>Every blob digest the manifest references (repository, resources, images' manifests, configs, layers, indexes).</summary>
    public IEnumerable<string> ReferencedDigests()
    {
        if (Repository is not null)
        {
            yield return Repository.Digest;
        }

        foreach (var resource in Resources.Values)
        {
            yield return resource.Digest;
        }

        foreach (var image in Images.Values)
        {
            foreach (var digest in image.Blobs)
            {
                yield return digest;
            }
        }
    }
}

/// <summary>A blob and its size.</summary>
public sealed record BlobReference(string Digest, long Size);

/// <summary>A mirrored URL: its blob, type, and the validators (<c>ETag</c>, <c>Last-Modified</c>) for conditional re-mirrors.</summary>
public sealed record ResourceEntry(string Digest, long Size, string? MediaType, string? ETag, string? LastModified);

/// <summary>
/// A mirrored image: registry and repository it came from, the manifest digest served for it (linux/amd64), the index
/// digest when the reference was a manifest list / OCI index (kept too), whether the reference was a floating tag
/// (recorded with the digest it resolved to), and every blob of it (index, manifests, config, layers).
/// </summary>
public sealed record ImageEntry(
    string Registry,
    string Repository,
    string? Tag,
    string ManifestDigest,
    string ManifestMediaType,
    string? IndexDigest,
    string? IndexMediaType,
    bool Floating,
    IReadOnlyList<string> Blobs);

/// <summary>A package revision of the bundle, its artifacts, and why it is incomplete when it is.</summary>
public sealed record PackageEntry(
    string Name,
    string Version,
    long ReleaseVersion,
    IReadOnlyList<string> Resources,
    IReadOnlyList<string> Images,
    IReadOnlyList<ArtifactFailure> Failures)
{
    public bool Complete => Failures.Count == 0;
}
