using System.Collections.Concurrent;

namespace Universe.Registry;

/// <summary>
/// How to reach each registry host: one <see cref="HttpClient"/> per authority (the shared handler, or one with the proxy,
/// the trusted roots plus the host's CA file, and no TLS verification for Insecure hosts), clients for token services on
/// other hosts, and the scheme each host speaks (HTTPS; plain HTTP only for loopback or Insecure hosts whose TLS fails).
/// </summary>
internal sealed class RegistryHosts(RegistryClientOptions options, HttpMessageHandler? sharedHandler) : IDisposable
{
    private readonly ConcurrentDictionary<string, HttpClient> _clients = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, string> _schemes = new(StringComparer.OrdinalIgnoreCase);

    public HttpClient ClientFor(RegistryEndpoint endpoint) => _clients.GetOrAdd(endpoint.Authority, _ =>
    {
        var handler = sharedHandler ?? options.Proxy.CreateClientHandler(RootsFor(endpoint), skipTlsVerification: endpoint.Insecure);
        return new HttpClient(handler, disposeHandler: sharedHandler is null) { Timeout = Timeout.InfiniteTimeSpan };
    });

    private TrustedRoots RootsFor(RegistryEndpoint endpoint) =>
        endpoint.Settings?.CaFile is { } hostCa ? options.TrustedRoots.With(TrustedRoots.Load([hostCa])) : options.TrustedRoots;

    /// <summary>The client for the token service at <paramref name="realm"/> (the registry's own client when it is on the same host).</summary>
    public HttpClient TokenClientFor(RegistryEndpoint endpoint, Uri realm) =>
        sharedHandler is not null || string.Equals(realm.Authority, endpoint.Authority, StringComparison.OrdinalIgnoreCase)
            ? ClientFor(endpoint)
            : _clients.GetOrAdd("token|" + realm.Authority + "|" + endpoint.Authority,
                _ => new HttpClient(options.Proxy.CreateClientHandler(RootsFor(endpoint), endpoint.Insecure), true) { Timeout = Timeout.InfiniteTimeSpan });

    /// <summary>The base URI of <paramref name="endpoint"/>: its configured scheme, else HTTPS, else (loopback or Insecure, TLS failed) plain HTTP.</summary>
    public async Task<Uri> BaseUriAsync(RegistryEndpoint endpoint, CancellationToken cancellationToken)
    {
        if (endpoint.Scheme is { } explicitScheme)
        {
            if (explicitScheme == "http" && !endpoint.AllowsPlainHttp)
            {
                throw new RegistryException(RegistryErrorKind.InsecureRefused,
                    $"Registry {endpoint.Authority} is configured with plain HTTP but is neither loopback nor marked Insecure");
            }

            return new Uri($"{explicitScheme}://{endpoint.Authority}");
        }

        if (_schemes.TryGetValue(endpoint.Authority, out var known))
        {
            return new Uri($"{known}://{endpoint.Authority}");
        }

        if (!endpoint.AllowsPlainHttp)
        {
            _schemes[endpoint.Authority] = "https";
            return new Uri($"https://{endpoint.Authority}");
        }

        // Loopback or insecure: HTTPS first, plain HTTP when TLS fails (as Docker does).
        var https = new Uri($"https://{endpoint.Authority}");
        try
        {
            using var probe = new HttpRequestMessage(HttpMethod.Get, new Uri(https, "/v2/"));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var response = await ClientFor(endpoint).SendAsync(probe, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            _schemes[endpoint.Authority] = "https";
            return https;
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ProxyTunnelError)
        {
            throw Failures.Proxy(e, endpoint.Authority);
        }
        catch (HttpRequestException e) when (Failures.IsUntrustedCertificate(e))
        {
            // It speaks TLS, with a certificate we do not trust: plain HTTP would be a downgrade, not a fallback.
            throw Failures.UntrustedCertificate(e, endpoint.Authority);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            _schemes[endpoint.Authority] = "http";
            return new Uri($"http://{endpoint.Authority}");
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _clients.Clear();
    }
}
