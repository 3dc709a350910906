namespace Universe.Cosmos.Repositories;

/// <summary>Registrations and routes of repositories (package/repository/list|add|delete). Owner: repositories.</summary>
public static class RepositoryServiceCollectionExtensions
{
    public static IServiceCollection AddCosmosRepositories(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapRepositoryEndpoints(this IEndpointRouteBuilder app) => app;
}
