using System.Net;

namespace Universe.Builder.Mirroring;

/// <summary>
/// The HTTP handler of a mirror run. An explicit <c>--proxy</c> applies to every host not in <c>NO_PROXY</c>, loopback
/// included; without it the <c>HTTPS_PROXY</c>/<c>HTTP_PROXY</c>/<c>NO_PROXY</c> environment applies (user:pass@ allowed).
/// </summary>
public static class MirrorHttp
{
    public static (HttpMessageHandler Handler, GitProxy? Git) Create(MirrorProxyArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = 64,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            UseProxy = true,
        };
        var proxyText = args.Proxy
            ?? Environment.GetEnvironmentVariable("HTTPS_PROXY") ?? Environment.GetEnvironmentVariable("https_proxy")
            ?? Environment.GetEnvironmentVariable("HTTP_PROXY") ?? Environment.GetEnvironmentVariable("http_proxy");
        if (proxyText is null)
        {
            handler.UseProxy = false;
            return (handler, null);
        }

        if (!Uri.TryCreate(proxyText, UriKind.Absolute, out var proxy) || proxy.Scheme is not ("http" or "https"))
        {
            throw new MirrorSourceException($"proxy '{Redaction.Url(proxyText)}' is not an http(s) URL");
        }

        var bypass = (Environment.GetEnvironmentVariable("NO_PROXY") ?? Environment.GetEnvironmentVariable("no_proxy") ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var address = ProxyCredentials.WithoutUserInfo(proxy);
        var credentials = ProxyCredentials.Read(proxy, args.CredentialsFile);
        handler.Proxy = new NoProxyAwareProxy(address, bypass) { Credentials = credentials };
        return (handler, new GitProxy(address, () => credentials));
    }

    /// <summary>A fixed proxy with a <c>NO_PROXY</c> list (exact hosts, <c>.suffix</c> / <c>suffix</c> domains, <c>*</c>).</summary>
    private sealed class NoProxyAwareProxy(Uri address, string[] bypass) : IWebProxy
    {
        public ICredentials? Credentials { get; set; }

        public Uri GetProxy(Uri destination) => address;

        public bool IsBypassed(Uri host)
        {
            foreach (var entry in bypass)
            {
                var e = entry.TrimStart('.');
                if (entry == "*" || host.Host.Equals(e, StringComparison.OrdinalIgnoreCase)
                    || host.Host.EndsWith("." + e, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
