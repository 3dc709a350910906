using System.Net;

namespace Universe.Registry;

/// <summary>
/// One host to send registry requests to: the upstream registry (Docker Hub's API host for docker.io) or its configured
/// mirror, with its settings (credentials, CA file) and whether plain HTTP is allowed (loopback or marked Insecure).
/// </summary>
internal sealed record RegistryEndpoint(string Authority, string? Scheme, RegistryHostSettings? Settings, bool Insecure)
{
    public bool AllowsPlainHttp => Insecure || IsLoopback(HostOf(Authority));

    public static RegistryEndpoint Upstream(string registry, RegistrySettings settings)
    {
        if (!ImageReference.TryNormalizeRegistry(registry, out var normalized))
        {
            throw new FormatException("Invalid registry host");
        }

        var host = normalized == ImageReference.DockerHub ? ImageReference.DockerHubEndpoint : normalized;
        var s = settings.Find(normalized) ?? settings.Find(host);
        return new RegistryEndpoint(host, null, s, s?.Insecure == true);
    }

    public static List<RegistryEndpoint> For(ImageReference image, RegistrySettings settings)
    {
        var upstream = Upstream(image.Registry, settings);
        var list = new List<RegistryEndpoint>(2);
        if (upstream.Settings?.Mirror is { } mirror)
        {
            string? scheme = null;
            var authority = mirror.Trim().TrimEnd('/');
            var sep = authority.IndexOf("://", StringComparison.Ordinal);
            if (sep >= 0)
            {
                scheme = authority[..sep].ToLowerInvariant();
                authority = authority[(sep + 3)..];
                if (scheme is not ("http" or "https"))
                {
                    throw new RegistryException(RegistryErrorKind.InsecureRefused, $"The mirror of {image.Registry} must be an http(s) URL or host[:port]");
                }
            }

            if (authority.Contains('/', StringComparison.Ordinal) || !ImageReference.TryNormalizeRegistry(authority, out authority))
            {
                throw new RegistryException(RegistryErrorKind.InsecureRefused, $"The mirror of {image.Registry} must be an http(s) URL or host[:port] without a path");
            }

            var mirrorSettings = settings.Find(authority);
            list.Add(new RegistryEndpoint(authority, scheme, mirrorSettings, mirrorSettings?.Insecure == true || upstream.Insecure));
        }

        list.Add(upstream);
        return list;
    }

    public static bool IsLoopback(string host)
    {
        host = host.Trim('[', ']');
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }

    private static string HostOf(string authority)
    {
        if (authority.StartsWith('['))
        {
            return authority[..(authority.IndexOf(']', StringComparison.Ordinal) + 1)];
        }

        var colon = authority.LastIndexOf(':');
        return colon < 0 ? authority : authority[..colon];
    }
}
