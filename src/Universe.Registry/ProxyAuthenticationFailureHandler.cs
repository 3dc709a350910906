using System.Net;

namespace Universe.Registry;

/// <summary>
/// Turns what .NET's proxy authentication throws when a Negotiate/NTLM exchange goes wrong (e.g. a
/// <see cref="FormatException"/> on the token squid sends back after refusing a wrong password) into the
/// <see cref="HttpRequestException"/> of a refused proxy (407), so callers report it per artifact like any other refusal
/// instead of failing the whole run. A 407 that is left only because this machine has no NTLM
/// (<see cref="NtlmSupport"/>) becomes a <see cref="ProxyAuthenticationUnanswerableException"/> that says so. It also
/// lets the settings learn which proxies take Basic (<see cref="ProxySettings.RememberProxyScheme"/>).
/// </summary>
public sealed class ProxyAuthenticationFailureHandler(ProxySettings proxy) : DelegatingHandler
{
    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var via = request.RequestUri is { } target ? proxy.GetProxy(target) : null;
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e) when (via is not null && e.StatusCode == HttpStatusCode.ProxyAuthenticationRequired
            && e is not ProxyAuthenticationUnanswerableException && proxy.HasCredentials && !NtlmSupport.IsAvailable)
        {
            throw new ProxyAuthenticationUnanswerableException(via, ntlmOffered: false, e);
        }
        catch (Exception e) when (e is FormatException or System.ComponentModel.Win32Exception && via is not null)
        {
            throw new HttpRequestException(
                HttpRequestError.ProxyTunnelError,
                $"The proxy {via} refused the credentials: 407 Proxy Authentication Required (its Negotiate/NTLM exchange failed: {e.GetType().Name})",
                e,
                HttpStatusCode.ProxyAuthenticationRequired);
        }

        if (via is not null && response.StatusCode == HttpStatusCode.ProxyAuthenticationRequired && proxy.HasCredentials
            && OffersOnlyNtlm(response) && !NtlmSupport.IsAvailable)
        {
            response.Dispose();
            throw new ProxyAuthenticationUnanswerableException(via, ntlmOffered: true);
        }

        proxy.RememberProxyScheme(response);
        return response;
    }

    /// <summary>The proxy's challenge names NTLM and nothing this machine could answer instead (Basic or Negotiate).</summary>
    private static bool OffersOnlyNtlm(HttpResponseMessage response)
    {
        var schemes = response.Headers.ProxyAuthenticate.Select(c => c.Scheme).ToList();
        return schemes.Contains("NTLM", StringComparer.OrdinalIgnoreCase)
            && !schemes.Any(s => s.Equals("Basic", StringComparison.OrdinalIgnoreCase) || s.Equals("Negotiate", StringComparison.OrdinalIgnoreCase));
    }

    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendAsync(request, cancellationToken).GetAwaiter().GetResult();
}
