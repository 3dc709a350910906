using System.Net;

namespace Universe.Registry;

/// <summary>
/// Sends Basic proxy credentials up front where the proxy has taken Basic
/// (<see cref="ProxySettings.AddPreemptiveCredentials"/>), on the first hop and every later one, and follows redirects
/// itself, with a new request for each hop that carries neither <c>Authorization</c> nor
/// <c>Proxy-Authorization</c>. .NET's own redirect handling re-sends the same request object, clearing only
/// <c>Authorization</c>: a <c>Proxy-Authorization</c> set on it (up front, or by .NET's answer to a proxy's 407) then
/// travels to the redirect target, inside a <c>CONNECT</c> tunnel or straight to a host the proxy is bypassed for, and
/// the proxy's password with it. Each hop here authenticates to its own proxy afresh (Basic up front where that proxy
/// has taken it, see <see cref="ProxySettings.AddPreemptiveCredentials"/>). Like .NET: at most
/// <see cref="MaxRedirects"/> hops, http(s) targets only, never from https down to http (the redirect is then the
/// answer), and a 303 turns into a GET.
/// </summary>
public sealed class CredentialSafeRedirectHandler(ProxySettings proxy) : DelegatingHandler
{
    /// <summary>How many redirects one request follows.</summary>
    public const int MaxRedirects = 10;

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var current = request;
        proxy.AddPreemptiveCredentials(current);
        var response = await base.SendAsync(current, cancellationToken);
        for (var hop = 0; hop < MaxRedirects && Next(current, response) is { } next; hop++)
        {
            response.Dispose();
            if (!ReferenceEquals(current, request))
            {
                current.Dispose();
            }

            current = next;
            proxy.AddPreemptiveCredentials(current);
            response = await base.SendAsync(current, cancellationToken);
        }

        return response;
    }

    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        SendAsync(request, cancellationToken).GetAwaiter().GetResult();

    /// <summary>The request for the redirect <paramref name="response"/> names, or null when it is not one to follow.</summary>
    private static HttpRequestMessage? Next(HttpRequestMessage request, HttpResponseMessage response)
    {
        if (response.StatusCode is not (HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
                or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect)
            || response.Headers.Location is not { } location || request.RequestUri is not { } from)
        {
            return null;
        }

        var target = location.IsAbsoluteUri ? location : new Uri(from, location);
        if (target.Scheme is not ("http" or "https") || (from.Scheme == "https" && target.Scheme == "http"))
        {
            return null;
        }

        if (target.Fragment.Length == 0 && from.Fragment.Length > 0)
        {
            target = new UriBuilder(target) { Fragment = from.Fragment[1..] }.Uri;
        }

        var method = response.StatusCode == HttpStatusCode.SeeOther && request.Method != HttpMethod.Head ? HttpMethod.Get : request.Method;
        if (request.Content is not null && method != HttpMethod.Get && method != HttpMethod.Head)
        {
            // A body cannot be sent twice from here; the caller gets the redirect itself.
            return null;
        }

        var next = new HttpRequestMessage(method, target) { Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var (name, values) in request.Headers)
        {
            if (!name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
                && !name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase)
                && !name.Equals("Cookie", StringComparison.OrdinalIgnoreCase)
                && !name.Equals("Host", StringComparison.OrdinalIgnoreCase))
            {
                next.Headers.TryAddWithoutValidation(name, values);
            }
        }

        return next;
    }
}
