using Universe.Registry;

namespace Universe.Cosmos.Http;

/// <summary>
/// Keeps the forgery guard on the destination when a proxy carries the request: the connect-time guard only sees the
/// proxy, so the target host is resolved and checked here, before the proxy is asked to reach it (a refused target
/// never reaches the proxy). The proxy resolves the name again; pinning its answer is the proxy's job.
/// </summary>
internal sealed class ProxiedDestinationGuard(ProxySettings proxy, OutboundConnectionGuard guard) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is { IsAbsoluteUri: true } target && proxy.GetProxy(target) is not null)
        {
            var (allowed, refusal) = await guard.ResolveAsync(target.IdnHost, cancellationToken);
            if (allowed.Count == 0 || refusal is not null)
            {
                throw new HttpRequestException(HttpRequestError.ConnectionError, OutboundConnectionGuard.RefusalMessage(target.Host, refusal));
            }
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
