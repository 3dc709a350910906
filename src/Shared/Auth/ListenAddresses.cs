using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Universe.Auth;

/// <summary>
/// Whether a server listens on loopback addresses only (IServerAddressesFeature; no addresses, as in-process tests, counts
/// as loopback). Linked as source into Runtime and Cosmos.
/// </summary>
internal static class ListenAddresses
{
    public static bool AreLoopbackOnly(IServer? server) =>
        AreLoopbackOnly(server?.Features.Get<IServerAddressesFeature>()?.Addresses ?? []);

    /// <summary>True when every address is <c>localhost</c>, a loopback IP or a Unix socket.</summary>
    public static bool AreLoopbackOnly(IEnumerable<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        return addresses.All(IsLoopback);
    }

    internal static bool IsLoopback(string address)
    {
        var schemeEnd = address.IndexOf("://", StringComparison.Ordinal);
        var rest = schemeEnd < 0 ? address : address[(schemeEnd + 3)..];
        if (rest.StartsWith("unix:", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        string host;
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            host = close < 0 ? rest : rest[1..close];
        }
        else
        {
            var end = rest.IndexOfAny([':', '/']);
            host = end < 0 ? rest : rest[..end];
        }

        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));
    }
}
