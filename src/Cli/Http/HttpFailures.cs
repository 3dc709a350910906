using System.Net.Sockets;
using Universe.Cli.Hosting;

namespace Universe.Cli.Http;

/// <summary>Turns transport failures (connection refused, DNS, timeout) into user-facing <see cref="CliException"/>s.</summary>
internal static class HttpFailures
{
    public static CliException Unreachable(string service, Uri? url, HttpRequestException exception)
    {
        var reason = exception.InnerException is SocketException socket ? socket.Message : exception.Message;
        return new CliException($"cannot reach {service} at {url}: {reason}", exception);
    }

    public static CliException TimedOut(string service, Uri? url, TimeSpan timeout, Exception exception) =>
        new($"request to {service} at {url} timed out after {timeout.TotalSeconds:0} seconds", exception);
}
