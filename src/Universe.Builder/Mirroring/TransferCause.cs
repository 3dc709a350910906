using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Universe.Builder.Bundles;
using Universe.Registry;

namespace Universe.Builder.Mirroring;

/// <summary>Turns transport exceptions and statuses into a <see cref="FailureCause"/> and a plain description (redacted).</summary>
public static class TransferCause
{
    public static FailureCause Classify(HttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return IsProxyRefusal(exception) ? FailureCause.ProxyRefused : FailureCause.Network;
    }

    public static bool IsProxyRefusal(HttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.HttpRequestError == HttpRequestError.ProxyTunnelError
            || exception.StatusCode == HttpStatusCode.ProxyAuthenticationRequired
            || exception.Message.Contains("proxy tunnel request", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether a status is worth retrying (5xx, 408, 429).</summary>
    public static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    public static string Describe(HttpRequestException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is ProxyAuthenticationUnanswerableException unanswerable)
        {
            return $"proxy refused the request: 407 Proxy Authentication Required ({unanswerable.Hint})";
        }

        if (IsProxyRefusal(exception))
        {
            var status = exception.Message.Contains("407", StringComparison.Ordinal) ? "407 Proxy Authentication Required (check the proxy credentials)" : Redaction.Text(exception.Message);
            return $"proxy refused the tunnel: {status}";
        }

        return exception.InnerException switch
        {
            SocketException s when s.SocketErrorCode == SocketError.ConnectionRefused => "connection refused",
            SocketException s when s.SocketErrorCode is SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "host name not resolved",
            AuthenticationException a when a.Message.Contains("remote certificate", StringComparison.OrdinalIgnoreCase) =>
                $"TLS: the server's certificate is not trusted ({Redaction.Text(a.Message)}); add the CA that issued it with --ca-file",
            AuthenticationException a => "TLS: " + Redaction.Text(a.Message),
            IOException io => "connection reset: " + Redaction.Text(io.Message),
            { } inner => Redaction.Text(inner.Message),
            null => Redaction.Text(exception.Message),
        };
    }

    public static string Describe(HttpStatusCode status, string? reason) =>
        status == HttpStatusCode.ProxyAuthenticationRequired
            ? "proxy refused the request: 407 Proxy Authentication Required (check the proxy credentials)"
            : $"HTTP {(int)status} {reason}".TrimEnd();
}
