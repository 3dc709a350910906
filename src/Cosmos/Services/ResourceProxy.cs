using System.Runtime.CompilerServices;
using Universe.Cosmos.Http;
using Universe.Cosmos.Repositories;

namespace Universe.Cosmos.Services;

/// <summary>
/// The allow-list of <c>GET /package/resource</c> (cosmos-api.md §10): exactly the URLs listed in the resources of
/// the packages in the current catalog, computed once per catalog snapshot. Nothing else is ever fetched, redirects
/// are not followed, only <c>http</c>, <c>https</c> and <c>data</c> URLs are served, and connections go through the
/// <see cref="OutboundConnectionGuard"/> (no link-local metadata services, no configured blocked networks).
/// </summary>
public sealed class ResourceProxy(IPackageCatalog catalog, IServiceProvider services) : IDisposable
{
    private static readonly ConditionalWeakTable<CatalogSnapshot, HashSet<string>> AllowLists = [];

    private readonly HttpClient _client = new(OutboundConnectionGuardFactory.CreateHandler(services, handler =>
    {
        handler.ConnectTimeout = TimeSpan.FromSeconds(10);
        handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5);
    }))
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>
    /// The allowed URL among <paramref name="candidates"/> (the raw and the decoded query value), or null when none is
    /// literally listed by a package.
    /// </summary>
    public async Task<Uri?> FindAllowedAsync(IEnumerable<string> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var snapshot = await catalog.GetAsync(cancellationToken);
        var allowed = AllowLists.GetValue(snapshot, Build);
        foreach (var candidate in candidates)
        {
            if (allowed.Contains(candidate)
                && Uri.TryCreate(candidate, UriKind.Absolute, out var uri)
                && uri.Scheme is "http" or "https" or "data")
            {
                return uri;
            }
        }

        return null;
    }

    /// <summary>GETs an allowed http(s) URL, headers only (the caller streams and disposes the response).</summary>
    public Task<HttpResponseMessage> OpenAsync(Uri uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        return _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    public void Dispose() => _client.Dispose();

    private static HashSet<string> Build(CatalogSnapshot snapshot) =>
        [.. snapshot.Repositories.SelectMany(r => r.Packages).SelectMany(p => ResourceUrls.Enumerate(p.Resource))];
}
