using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Universe.Registry;

/// <summary>
/// A parsed Docker/OCI image reference such as <c>nginx</c>, <c>quay.io/org/app:1.2</c>,
/// <c>127.0.0.1:5000/team/web@sha256:…</c>. Follows the Docker reference grammar: Docker Hub names get the
/// <c>docker.io</c> registry and the <c>library/</c> prefix, a missing tag and digest means <c>latest</c>.
/// </summary>
public sealed partial record ImageReference
{
    /// <summary>The registry name Docker Hub images carry.</summary>
    public const string DockerHub = "docker.io";

    /// <summary>The host that actually serves the Docker Hub Registry API.</summary>
    public const string DockerHubEndpoint = "registry-1.docker.io";

    /// <summary>The tag used when a reference names neither a tag nor a digest.</summary>
    public const string DefaultTag = "latest";

    private const int MaxNameLength = 255;
    private const int MaxInputLength = 4096;

    private ImageReference(string registry, string repository, string? tag, string? digest, bool tagDefaulted)
    {
        Registry = registry;
        Repository = repository;
        Tag = tag;
        Digest = digest;
        IsTagDefaulted = tagDefaulted;
    }

    /// <summary>The registry host, with a port when one was given (<c>docker.io</c>, <c>quay.io</c>, <c>127.0.0.1:5000</c>).</summary>
    public string Registry { get; }

    /// <summary>The repository path inside the registry (<c>library/nginx</c>, <c>org/app</c>).</summary>
    public string Repository { get; }

    /// <summary>The tag, or null when the reference is by digest only.</summary>
    public string? Tag { get; }

    /// <summary>The digest (<c>sha256:&lt;64 hex&gt;</c>), or null when the reference is by tag only.</summary>
    public string? Digest { get; }

    /// <summary>True when the input named neither tag nor digest and <see cref="Tag"/> is the default <c>latest</c>.</summary>
    public bool IsTagDefaulted { get; }

    /// <summary>What is asked of the registry's manifest endpoint: the digest when there is one, else the tag.</summary>
    public string Reference => Digest ?? Tag ?? DefaultTag;

    /// <summary>The host serving the Registry API for <see cref="Registry"/> (<c>registry-1.docker.io</c> for Docker Hub).</summary>
    public string Endpoint => Registry == DockerHub ? DockerHubEndpoint : Registry;

    /// <summary>True when <see cref="Reference"/> is a digest, so the content is immutable.</summary>
    public bool IsDigest => Digest is not null;

    /// <summary>Parses a reference; throws <see cref="FormatException"/> naming what is wrong (never echoing control characters).</summary>
    public static ImageReference Parse(string reference)
    {
        if (TryParse(reference, out var parsed, out var error))
        {
            return parsed;
        }

        throw new FormatException(error);
    }

    /// <summary>Parses a reference without throwing.</summary>
    public static bool TryParse([NotNullWhen(true)] string? reference, [NotNullWhen(true)] out ImageReference? result) =>
        TryParse(reference, out result, out _);

    /// <summary>Parses a reference without throwing; <paramref name="error"/> says why a bad one was refused.</summary>
    public static bool TryParse(
        [NotNullWhen(true)] string? reference,
        [NotNullWhen(true)] out ImageReference? result,
        [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (string.IsNullOrEmpty(reference))
        {
            error = "Image reference is empty";
            return false;
        }

        if (reference.Length > MaxInputLength)
        {
            error = "Image reference is too long";
            return false;
        }

        foreach (var c in reference)
        {
            if (c <= ' ' || c >= 0x7f)
            {
                error = "Image reference contains whitespace, control or non-ASCII characters";
                return false;
            }
        }

        if (reference.Contains("://", StringComparison.Ordinal))
        {
            error = $"Image reference [{reference}] must not have a URL scheme";
            return false;
        }

        var rest = reference;
        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = rest[(at + 1)..];
            rest = rest[..at];
            if (!ContentDigest.IsValid(digest))
            {
                error = $"Image reference [{reference}] has an invalid digest (expected sha256:<64 lowercase hex>)";
                return false;
            }
        }

        string? tag = null;
        var lastSlash = rest.LastIndexOf('/');
        var colon = rest.LastIndexOf(':');
        if (colon > lastSlash)
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
            if (!TagPattern().IsMatch(tag))
            {
                error = $"Image reference [{reference}] has an invalid tag";
                return false;
            }
        }

        string registry;
        string path;
        var firstSlash = rest.IndexOf('/', StringComparison.Ordinal);
        var first = firstSlash < 0 ? rest : rest[..firstSlash];
        if (firstSlash >= 0 && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal)
            || first == "localhost" || first.StartsWith('[')))
        {
            registry = first;
            path = rest[(firstSlash + 1)..];
            if (!TryNormalizeRegistry(registry, out var normalized))
            {
                error = $"Image reference [{reference}] has an invalid registry host";
                return false;
            }

            registry = normalized;
        }
        else
        {
            registry = DockerHub;
            path = rest;
        }

        if (path.Length == 0 || !RepositoryPattern().IsMatch(path))
        {
            error = $"Image reference [{reference}] has an invalid repository name (lowercase letters, digits and separators . _ __ - /)";
            return false;
        }

        if (registry == DockerHub && !path.Contains('/', StringComparison.Ordinal))
        {
            path = "library/" + path;
        }

        if (registry.Length + 1 + path.Length > MaxNameLength)
        {
            error = $"Image reference name is longer than {MaxNameLength} characters";
            return false;
        }

        var defaulted = tag is null && digest is null;
        result = new ImageReference(registry, path, defaulted ? DefaultTag : tag, digest, defaulted);
        error = null;
        return true;
    }

    /// <summary>The same repository and tag/digest on another registry (used for mirrors).</summary>
    public ImageReference WithRegistry(string registry)
    {
        if (!TryNormalizeRegistry(registry, out var normalized))
        {
            throw new FormatException("Invalid registry host");
        }

        return new ImageReference(normalized, Repository, Tag, Digest, IsTagDefaulted);
    }

    /// <summary>The same repository pinned to <paramref name="digest"/> (the tag is kept for display).</summary>
    public ImageReference WithDigest(string digest)
    {
        ContentDigest.Validate(digest);
        return new ImageReference(Registry, Repository, IsTagDefaulted ? null : Tag, digest, false);
    }

    /// <summary>The fully qualified form, e.g. <c>docker.io/library/nginx:latest</c> or <c>quay.io/a/b@sha256:…</c>.</summary>
    public override string ToString()
    {
        var name = Registry + "/" + Repository;
        if (Tag is not null && !(IsTagDefaulted && Digest is not null))
        {
            name += ":" + Tag;
        }

        return Digest is null ? name : name + "@" + Digest;
    }

    internal static bool TryNormalizeRegistry(string host, out string normalized)
    {
        normalized = host;
        if (host.Length is 0 or > 255)
        {
            return false;
        }

        string name;
        string? port = null;
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || !System.Net.IPAddress.TryParse(host[1..close], out var ip)
                || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                return false;
            }

            name = host[..(close + 1)];
            var after = host[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':')
                {
                    return false;
                }

                port = after[1..];
            }
        }
        else
        {
            var colon = host.IndexOf(':', StringComparison.Ordinal);
            name = colon < 0 ? host : host[..colon];
            port = colon < 0 ? null : host[(colon + 1)..];
            if (!HostPattern().IsMatch(name))
            {
                return false;
            }
        }

        if (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is < 1 or > 65535
            || port.Length > 5))
        {
            return false;
        }

        var lower = name.ToLowerInvariant();
        if (port is null && lower is "index.docker.io" or "registry-1.docker.io" or "registry.hub.docker.com")
        {
            lower = DockerHub;
        }

        normalized = port is null ? lower : lower + ":" + port;
        return true;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

    // Path components: [a-z0-9]+ joined by '.', '_', '__' or runs of '-', components joined by '/'.
    [GeneratedRegex(@"^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex RepositoryPattern();

    [GeneratedRegex(@"^(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9])(?:\.(?:[A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9-]*[A-Za-z0-9]))*$", RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();
}
