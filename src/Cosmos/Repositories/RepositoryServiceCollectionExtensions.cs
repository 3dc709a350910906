using System.Net;
using Universe.Cosmos.Http;

namespace Universe.Cosmos.Repositories;

/// <summary>Registrations and routes of repositories (package/repository/list|add|delete).</summary>
public static class RepositoryServiceCollectionExtensions
{
    public static IServiceCollection AddCosmosRepositories(this IServiceCollection services)
    {
        services.AddHttpClient(HttpRepositorySource.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(services => OutboundConnectionGuardFactory.CreateHandler(services, handler =>
            {
                handler.AutomaticDecompression = DecompressionMethods.None;
                handler.ConnectTimeout = TimeSpan.FromSeconds(15);
            }));
        services.AddSingleton<RepositoryStore>();
        services.AddSingleton<RepositorySourceFactory>();
        services.AddSingleton<DefaultRepositoryLocator>();
        services.AddSingleton<LocalRepositoryPolicy>();
        services.AddSingleton<RepositoryRegistry>();
        services.AddSingleton<IPackageCatalog>(sp => sp.GetRequiredService<RepositoryRegistry>());
        services.AddHostedService<RepositoryRefreshService>();
        return services;
    }

    public static IEndpointRouteBuilder MapRepositoryEndpoints(this IEndpointRouteBuilder app) => app.MapRepositoryRpcs();
}
