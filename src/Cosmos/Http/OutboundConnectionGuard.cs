using System.Net;
using System.Net.Sockets;

namespace Universe.Cosmos.Http;

/// <summary>
/// Guards the connections Cosmos opens on behalf of package data (repository URLs, <c>GET /package/resource</c>)
/// against server-side request forgery. The check runs at connect time, on the resolved addresses, so DNS tricks
/// (a name that resolves to a metadata address, rebinding between check and use) do not get around it.
/// Always refused: link-local networks (cloud metadata services such as 169.254.169.254), unspecified and multicast
/// addresses, and the networks of <c>Cosmos:Fetch:BlockedNetworks</c>. Loopback is refused as well while Cosmos
/// listens on a non-loopback address (then a remote caller could otherwise reach services bound to localhost).
/// </summary>
public sealed class OutboundConnectionGuard(IReadOnlyList<IPNetwork> blockedNetworks, Func<bool> refuseLoopback)
{
    /// <summary>The networks refused whatever the configuration says.</summary>
    public static IReadOnlyList<IPNetwork> AlwaysBlocked { get; } =
    [
        IPNetwork.Parse("169.254.0.0/16"),
        IPNetwork.Parse("fe80::/10"),
        IPNetwork.Parse("0.0.0.0/8"),
        IPNetwork.Parse("224.0.0.0/4"),
        IPNetwork.Parse("ff00::/8"),
        IPNetwork.Parse("fd00:ec2::254/128"),
    ];

    /// <summary>Why <paramref name="address"/> is refused, or null when a connection to it is allowed.</summary>
    public string? Refusal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Any))
        {
            return "an unspecified address";
        }

        foreach (var network in AlwaysBlocked.Concat(blockedNetworks))
        {
            if (network.Contains(address))
            {
                return $"blocked network {network}";
            }
        }

        return IPAddress.IsLoopback(address) && refuseLoopback()
            ? "loopback, while Cosmos listens on a non-loopback address"
            : null;
    }

    /// <summary>
    /// Resolves <paramref name="host"/> (or parses it as an address) and sorts its addresses: the allowed ones, and why
    /// the first refused one is refused (null when none is).
    /// </summary>
    public async Task<(IReadOnlyList<IPAddress> Allowed, string? Refusal)> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = new List<IPAddress>(addresses.Length);
        string? refusal = null;
        foreach (var address in addresses)
        {
            if (Refusal(address) is { } why)
            {
                refusal ??= why;
            }
            else
            {
                allowed.Add(address);
            }
        }

        return (allowed, refusal);
    }

    /// <summary>The error text of a refused connection.</summary>
    public static string RefusalMessage(string host, string? refusal) =>
        $"Refusing to connect to {host}: {refusal ?? "no address"} (server-side request forgery guard)";

    /// <summary>A <see cref="SocketsHttpHandler.ConnectCallback"/> that connects only to allowed addresses.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var (allowed, refusal) = await ResolveAsync(host, cancellationToken);
        for (var i = 0; i < allowed.Count; i++)
        {
            var socket = new Socket(allowed[i].AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(allowed[i], context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException) when (i < allowed.Count - 1)
            {
                socket.Dispose();
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw new HttpRequestException(HttpRequestError.ConnectionError, RefusalMessage(host, refusal));
    }
}
