using System.Net;

namespace Universe.Registry;

/// <summary>
/// Turns what .NET's proxy authentication throws when a Negotiate/NTLM exchange goes wrong (e.g. a
/// <see cref="FormatException"/> on the token squid sends back after refusing a wrong password) into the
/// <see cref="HttpRequestException"/> of a refused proxy (407), so callers report it per artifact like any other refusal
/// instead of failing the whole run. It also lets the settings learn which proxies take Basic
/// (<see cref="ProxySettings.RememberProxyScheme"/>).
/// </summary>
public sealed class ProxyAuthenticationFailureHandler(ProxySettings proxy) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            proxy.RememberProxyScheme(response);
            return response;
        }
        catch (Exception e) when (e is FormatException or System.ComponentModel.Win32Exception
            && request.RequestUri is { } target && proxy.GetProxy(target) is { } via)
        {
            throw new HttpRequestException(
                HttpRequestError.ProxyTunnelError,
                $"The proxy {via} refused the credentials: 407 Proxy Authentication Required (its Negotiate/NTLM exchange failed: {e.GetType().Name})",
                e,
                HttpStatusCode.ProxyAuthenticationRequired);
        }
    }

    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendAsync(request, cancellationToken).GetAwaiter().GetResult();
}
