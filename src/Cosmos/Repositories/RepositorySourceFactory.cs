using Microsoft.Extensions.Options;
using Universe.Cosmos.Http;

namespace Universe.Cosmos.Repositories;

/// <summary>Makes the <see cref="IRepositorySource"/> for a parsed repository URI.</summary>
internal sealed class RepositorySourceFactory(IHttpClientFactory httpClients, IOptions<CosmosOptions> options, OutboundConnectionGuard guard, TrustedCertificates trust, Universe.Registry.ProxySettings proxy)
{
    private readonly string _gitRoot = Path.Combine(Path.GetFullPath(options.Value.DataDirectory), "repositories", "git");

    public IRepositorySource Create(PackageRepository repository, RepositoryLocation location) => location.Kind switch
    {
        RepositoryKind.Http => new HttpRepositorySource(repository, new Uri(location.Target), httpClients.CreateClient(HttpRepositorySource.ClientName)),
        RepositoryKind.Local => new LocalRepositorySource(repository, location.Target),
        RepositoryKind.Git => new GitRepositorySource(repository, location, _gitRoot, guard, trust, proxy, httpClients.CreateClient(HttpRepositorySource.ClientName)),
        _ => throw new ArgumentOutOfRangeException(nameof(location), location.Kind, "Unknown repository kind"),
    };
}
