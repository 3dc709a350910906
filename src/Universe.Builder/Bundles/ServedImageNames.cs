using System.Globalization;
using System.Net;
using Universe.Registry;

namespace Universe.Builder.Bundles;

/// <summary>
/// The rule that names a mirrored image in the bundle's own registry, applied when <c>universe serve</c> rewrites the
/// packages' image references. Every upstream registry keeps a namespace of its own, so same-named repositories on two
/// registries never collide, and the served reference is one a Docker client parses back to the bundle's host:
/// <list type="bullet">
/// <item><c>docker.io</c> (also written <c>index.docker.io</c>, <c>registry-1.docker.io</c>, <c>registry.hub.docker.com</c>
/// or left out): the Hub path, with <c>library/</c> for official images (<c>nginx</c> → <c>library/nginx</c>). A Hub
/// path whose first component a client would read as a host (<c>localhost</c>) gets <c>docker.io/</c> in front.</item>
/// <item><c>quay.io</c>, <c>gcr.io</c> (and its regional hosts such as <c>eu.gcr.io</c>), <c>k8s.gcr.io</c>,
/// <c>registry.k8s.io</c>, <c>ghcr.io</c> and any other named host: the host as the first component
/// (<c>quay.io/coreos/etcd</c>, <c>k8s.gcr.io/pause</c>).</item>
/// <item>A host with a port: <c>:</c> becomes <c>-</c> (<c>127.0.0.1:5000</c> → <c>127.0.0.1-5000/team/web</c>), since a
/// repository path has no colons. An IPv6 host is written out in full with dashes (<c>[::1]:5000</c> →
/// <c>ip6-0-0-0-0-0-0-0-1-5000</c>).</item>
/// </list>
/// Tags and digests carry over unchanged; a reference with a digest is served by digest (the tag is dropped, as Docker
/// ignores it then too).
/// </summary>
public static class ServedImageNames
{
    /// <summary>The repository name an image of <paramref name="registry"/>/<paramref name="repository"/> is served under.</summary>
    public static string Repository(string registry, string repository)
    {
        ArgumentException.ThrowIfNullOrEmpty(registry);
        ArgumentException.ThrowIfNullOrEmpty(repository);
        if (registry == ImageReference.DockerHub)
        {
            var first = repository.Split('/')[0];
            return first.Contains('.', StringComparison.Ordinal) || first == "localhost" ? ImageReference.DockerHub + "/" + repository : repository;
        }

        return HostComponent(registry) + "/" + repository;
    }

    /// <summary>
    /// The reference the served packages carry for <paramref name="original"/> (as written in the package) mirrored as
    /// <paramref name="registry"/>/<paramref name="repository"/>, pointing at <paramref name="servedHost"/>
    /// (<c>host[:port]</c> of the public URL).
    /// </summary>
    public static string Reference(string servedHost, string registry, string repository, string original)
    {
        ArgumentException.ThrowIfNullOrEmpty(servedHost);
        var parsed = ImageReference.TryParse(original, out var r) ? r : null;
        var suffix = parsed is { IsDigest: true } ? "@" + parsed.Digest : ":" + (parsed?.Tag ?? ImageReference.DefaultTag);
        return $"{servedHost}/{Repository(registry, repository)}{suffix}";
    }

    /// <summary>The first path component naming <paramref name="registry"/> (lowercase; no colons or brackets).</summary>
    internal static string HostComponent(string registry)
    {
        var host = registry.ToLowerInvariant();
        string? port = null;
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            port = close + 1 < host.Length && host[close + 1] == ':' ? host[(close + 2)..] : null;
            var address = IPAddress.Parse(host[1..close]);
            var bytes = address.GetAddressBytes();
            var groups = Enumerable.Range(0, 8).Select(i => ((bytes[2 * i] << 8) | bytes[(2 * i) + 1]).ToString("x", CultureInfo.InvariantCulture));
            host = "ip6-" + string.Join('-', groups);
        }
        else if (host.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
        {
            port = host[(colon + 1)..];
            host = host[..colon];
        }

        return port is null ? host : host + "-" + port;
    }
}
