using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using Universe.Registry;

namespace Universe.Cosmos.Http;

/// <summary>Builds the <see cref="OutboundConnectionGuard"/> from <c>Cosmos:Fetch:BlockedNetworks</c> and the listen addresses.</summary>
public static class OutboundConnectionGuardFactory
{
    public static OutboundConnectionGuard Create(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<IOptions<CosmosOptions>>().Value;
        var blocked = options.Fetch.BlockedNetworks.Select(IPNetwork.Parse).ToArray();
        var server = services.GetService<IServer>();
        return new OutboundConnectionGuard(blocked, () => !ListenAddresses.AreLoopbackOnly(server));
    }

    /// <summary>The extra trusted certificates of <c>Cosmos:Fetch:TrustedCertificatesFile</c>.</summary>
    public static TrustedCertificates CreateTrust(IServiceProvider services) =>
        new(services.GetRequiredService<IOptions<CosmosOptions>>().Value.Fetch.TrustedCertificatesFile);

    /// <summary>
    /// <c>Cosmos:Proxy</c> (<c>Url</c>, <c>CredentialsFile</c> read at every use, <c>Username</c> with
    /// <c>UNIVERSE_PROXY_PASSWORD</c>, <c>NoProxy</c>); without <c>Url</c>, HTTPS_PROXY/HTTP_PROXY/NO_PROXY.
    /// </summary>
    public static ProxySettings CreateProxy(IServiceProvider services) =>
        ProxySettings.FromConfiguration(services.GetRequiredService<IConfiguration>().GetSection("Cosmos:Proxy"));

    /// <summary>
    /// A handler for fetches of package data: no redirects, the configured extra trust, the configured proxy, and the
    /// forgery guard on the destination: direct connections are checked at connect time; a request the proxy will
    /// carry has its target host checked before it is sent (the proxy itself, chosen by the operator, is not).
    /// </summary>
    public static HttpMessageHandler CreateHandler(IServiceProvider services, Action<SocketsHttpHandler>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var guard = services.GetRequiredService<OutboundConnectionGuard>();
        var trust = services.GetRequiredService<TrustedCertificates>();
        var proxy = services.GetRequiredService<ProxySettings>();
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectCallback = guard.ConnectAsync,
            UseProxy = proxy.IsEnabled,
            Proxy = proxy.CreateWebProxy(),
        };
        if (proxy.IsEnabled)
        {
            handler.ConnectCallback = (context, cancellationToken) => IsProxy(proxy, context.DnsEndPoint)
                ? ConnectDirectAsync(context.DnsEndPoint, cancellationToken)
                : guard.ConnectAsync(context, cancellationToken);
        }

        if (trust.Any)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = trust.Validate;
        }

        configure?.Invoke(handler);
        return proxy.IsEnabled
            ? new ProxiedDestinationGuard(proxy, guard) { InnerHandler = new ProxyAuthenticationFailureHandler(proxy) { InnerHandler = handler } }
            : handler;
    }

    private static bool IsProxy(ProxySettings proxy, DnsEndPoint endPoint) =>
        new[] { proxy.HttpProxy, proxy.HttpsProxy }.Any(p => p is not null
            && string.Equals(p.IdnHost, endPoint.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase) && p.Port == endPoint.Port);

    private static async ValueTask<Stream> ConnectDirectAsync(DnsEndPoint endPoint, CancellationToken cancellationToken)
    {
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, cancellationToken);
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
