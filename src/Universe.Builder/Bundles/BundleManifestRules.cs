using System.Globalization;
using System.Text;
using Microsoft.Net.Http.Headers;
using Universe.Registry;

namespace Universe.Builder.Bundles;

/// <summary>
/// What every field of a <see cref="BundleManifest"/> must hold before <c>serve</c> may rely on it: digests in their
/// canonical <c>sha256:&lt;64 hex&gt;</c> form, sizes not negative, registry hosts the reference normalizer accepts,
/// repository names and tags of the Docker reference grammar, known manifest and index media types, media types and
/// validators that are valid header values. <c>import</c> refuses a manifest with any problem (<see cref="Problems"/>);
/// <c>serve</c> skips the bad entries of a bundle it finds on disk (<see cref="Sanitize"/>) and serves the rest.
/// Every message quotes the offending value with control characters escaped and long values cut.
/// </summary>
public static class BundleManifestRules
{
    private const int MaxShown = 80;

    /// <summary>Every problem of <paramref name="manifest"/> (empty when it is sound).</summary>
    public static IReadOnlyList<string> Problems(BundleManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        Sanitize(manifest, out var problems);
        return problems;
    }

    /// <summary>The manifest without its bad entries (each one named in <paramref name="problems"/>).</summary>
    public static BundleManifest Sanitize(BundleManifest manifest, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var found = new List<string>();
        if (manifest.SchemaVersion != BundleManifest.CurrentSchemaVersion)
        {
            found.Add($"schemaVersion {manifest.SchemaVersion} is not supported (expected {BundleManifest.CurrentSchemaVersion})");
        }

        var repository = manifest.Repository;
        if (repository is not null && BlobProblem(repository.Digest, repository.Size) is { } repositoryProblem)
        {
            found.Add("repository: " + repositoryProblem);
            repository = null;
        }

        if (manifest.Resources is null || manifest.Images is null || manifest.Packages is null)
        {
            found.Add("resources, images and packages must be objects and a list, not null");
        }

        var resources = Keep(manifest.Resources, Resource, found);
        var images = Keep(manifest.Images, Image, found);
        var packages = new List<PackageEntry>();
        foreach (var entry in manifest.Packages ?? [])
        {
            if (Package(entry) is { } problem)
            {
                found.Add(problem);
            }
            else
            {
                packages.Add(entry);
            }
        }

        var dcosVersions = (manifest.DcosVersions ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).ToArray();
        if (manifest.DcosVersions is null || dcosVersions.Length != manifest.DcosVersions.Count)
        {
            found.Add("dcosVersions: must be a list of version strings");
        }

        problems = found;
        return manifest with { Repository = repository, Resources = resources, Images = images, Packages = packages, DcosVersions = dcosVersions };
    }

    /// <summary>Why a resource entry is unusable, or null when it is sound.</summary>
    public static string? Resource(string? url, ResourceEntry? entry)
    {
        var what = $"resource {Shown(url)}";
        if (string.IsNullOrEmpty(url) || HasControl(url) || !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            return $"{what}: not an absolute URL";
        }

        if (entry is null)
        {
            return $"{what}: no entry";
        }

        if (BlobProblem(entry.Digest, entry.Size) is { } blob)
        {
            return $"{what}: {blob}";
        }

        if (entry.MediaType is not null && !MediaTypeHeaderValue.TryParse(entry.MediaType, out _))
        {
            return $"{what}: mediaType {Shown(entry.MediaType)} is not a media type";
        }

        return HasControl(entry.ETag) || HasControl(entry.LastModified)
            ? $"{what}: eTag or lastModified holds control characters"
            : null;
    }

    /// <summary>Why an image entry is unusable, or null when it is sound.</summary>
    public static string? Image(string? reference, ImageEntry? entry)
    {
        var what = $"image {Shown(reference)}";
        if (!ImageReference.TryParse(reference, out _))
        {
            return $"{what}: not an image reference";
        }

        if (entry is null)
        {
            return $"{what}: no entry";
        }

        if (string.IsNullOrEmpty(entry.Registry))
        {
            return $"{what}: registry is missing";
        }

        if (string.IsNullOrEmpty(entry.Repository))
        {
            return $"{what}: repository is missing";
        }

        if (!ImageReference.TryParse($"{entry.Registry}/x", out var host) || !string.Equals(host.Registry, entry.Registry, StringComparison.OrdinalIgnoreCase))
        {
            return $"{what}: registry {Shown(entry.Registry)} is not a registry host (host[:port], [IPv6][:port])";
        }

        if (!ImageReference.TryParse($"{entry.Registry}/{entry.Repository}", out var name) || name.Repository != entry.Repository)
        {
            return $"{what}: repository {Shown(entry.Repository)} is not a repository name (lowercase components [a-z0-9] joined by . _ __ - and /)";
        }

        if (entry.Tag is not null && (!ImageReference.TryParse($"{entry.Registry}/{entry.Repository}:{entry.Tag}", out var tagged) || tagged.Tag != entry.Tag))
        {
            return $"{what}: tag {Shown(entry.Tag)} is not a tag ([A-Za-z0-9_][A-Za-z0-9_.-]{{0,127}})";
        }

        if (!ContentDigest.IsValid(entry.ManifestDigest))
        {
            return $"{what}: manifestDigest {Shown(entry.ManifestDigest)} is not sha256:<64 lowercase hex>";
        }

        if (!MediaTypes.IsManifest(entry.ManifestMediaType))
        {
            return $"{what}: manifestMediaType {Shown(entry.ManifestMediaType)} is not a Docker schema 2 or OCI image manifest type";
        }

        if (entry.IndexDigest is not null != entry.IndexMediaType is not null)
        {
            return $"{what}: indexDigest and indexMediaType go together";
        }

        if (entry.IndexDigest is not null && !ContentDigest.IsValid(entry.IndexDigest))
        {
            return $"{what}: indexDigest {Shown(entry.IndexDigest)} is not sha256:<64 lowercase hex>";
        }

        if (entry.IndexMediaType is not null && !MediaTypes.IsIndex(entry.IndexMediaType))
        {
            return $"{what}: indexMediaType {Shown(entry.IndexMediaType)} is not a manifest list or OCI index type";
        }

        if (entry.Blobs is null || entry.Blobs.Any(b => !ContentDigest.IsValid(b)))
        {
            return $"{what}: blobs must be a list of sha256:<64 lowercase hex> digests";
        }

        return !entry.Blobs.Contains(entry.ManifestDigest) || (entry.IndexDigest is { } index && !entry.Blobs.Contains(index))
            ? $"{what}: blobs must list its manifest (and index) digest"
            : null;
    }

    /// <summary>Why a package entry is unusable, or null when it is sound.</summary>
    public static string? Package(PackageEntry? entry)
    {
        if (entry is null || string.IsNullOrEmpty(entry.Name) || HasControl(entry.Name) || entry.Version is null)
        {
            return $"package {Shown(entry?.Name)}: name and version are required";
        }

        var what = $"package {Shown(entry.Name)} {Shown(entry.Version)}";
        if (entry.ReleaseVersion < 0)
        {
            return $"{what}: releaseVersion {entry.ReleaseVersion.ToString(CultureInfo.InvariantCulture)} is negative";
        }

        return entry.Resources is null || entry.Images is null || entry.Failures is null
            || entry.Resources.Any(r => r is null) || entry.Images.Any(i => i is null) || entry.Failures.Any(f => f is null)
            ? $"{what}: resources, images and failures must be lists"
            : null;
    }

    /// <summary>The entries <paramref name="problem"/> finds nothing wrong with; the others' problems go to <paramref name="found"/>.</summary>
    private static SortedDictionary<string, T> Keep<T>(IReadOnlyDictionary<string, T>? entries, Func<string, T?, string?> problem, List<string> found)
        where T : class
    {
        var kept = new SortedDictionary<string, T>(StringComparer.Ordinal);
        foreach (var (key, entry) in entries ?? new Dictionary<string, T>())
        {
            if (problem(key, entry) is { } message)
            {
                found.Add(message);
            }
            else
            {
                kept[key] = entry;
            }
        }

        return kept;
    }

    /// <summary>A value quoted for a message: control characters escaped, cut after 80 characters.</summary>
    public static string Shown(string? value)
    {
        if (value is null)
        {
            return "null";
        }

        var text = new StringBuilder("'");
        foreach (var c in value.Length > MaxShown ? value[..MaxShown] : value)
        {
            text.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return text.Append(value.Length > MaxShown ? "…'" : "'").ToString();
    }

    private static string? BlobProblem(string? digest, long size) =>
        !ContentDigest.IsValid(digest) ? $"digest {Shown(digest)} is not sha256:<64 lowercase hex>"
        : size < 0 ? $"size {size.ToString(CultureInfo.InvariantCulture)} is negative"
        : null;

    private static bool HasControl(string? value) => value is not null && value.Any(char.IsControl);
}
