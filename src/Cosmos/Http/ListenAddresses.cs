using Microsoft.AspNetCore.Hosting.Server;

namespace Universe.Cosmos.Http;

/// <summary>Whether Cosmos listens on loopback addresses only (see <see cref="Universe.Auth.ListenAddresses"/>).</summary>
public static class ListenAddresses
{
    public static bool AreLoopbackOnly(IServer? server) => Universe.Auth.ListenAddresses.AreLoopbackOnly(server);

    /// <summary>True when every address is <c>localhost</c>, a loopback IP or a Unix socket.</summary>
    public static bool AreLoopbackOnly(IEnumerable<string> addresses) => Universe.Auth.ListenAddresses.AreLoopbackOnly(addresses);

    internal static bool IsLoopback(string address) => Universe.Auth.ListenAddresses.IsLoopback(address);
}
