using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Universe.Cosmos.Repositories;

/// <summary>
/// Whether local repositories (<c>file://</c>, paths, local git) may be added through the API:
/// <c>Cosmos:AllowLocalRepositories</c> when set; otherwise only while every address Cosmos listens on is loopback
/// (unknown or no addresses, as under TestServer, count as loopback).
/// </summary>
internal sealed class LocalRepositoryPolicy(IOptions<CosmosOptions> options, IServiceProvider services)
{
    public bool AllowsLocalRepositories()
    {
        if (options.Value.AllowLocalRepositories is { } configured)
        {
            return configured;
        }

        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        return addresses is null || AllLoopback(addresses);
    }

    /// <summary>Whether every server address (e.g. <c>http://127.0.0.1:5000</c>) is a loopback address.</summary>
    public static bool AllLoopback(IEnumerable<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        foreach (var address in addresses)
        {
            if (!IsLoopback(address))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLoopback(string address)
    {
        var host = address;
        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            host = host[(scheme + 3)..];
        }

        var slash = host.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            host = host[..slash];
        }

        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            host = close > 0 ? host[1..close] : host;
        }
        else if (host.LastIndexOf(':') is var colon and > 0)
        {
            host = host[..colon];
        }

        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
