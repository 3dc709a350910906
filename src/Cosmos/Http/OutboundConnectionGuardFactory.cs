using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

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

    /// <summary>A handler for fetches of package data: guarded connects, no redirects, the configured extra trust.</summary>
    public static SocketsHttpHandler CreateHandler(IServiceProvider services, Action<SocketsHttpHandler>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var guard = services.GetRequiredService<OutboundConnectionGuard>();
        var trust = services.GetRequiredService<TrustedCertificates>();
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, ConnectCallback = guard.ConnectAsync };
        if (trust.Any)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = trust.Validate;
        }

        configure?.Invoke(handler);
        return handler;
    }
}
