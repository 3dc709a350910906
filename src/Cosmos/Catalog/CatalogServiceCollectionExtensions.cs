namespace Universe.Cosmos.Catalog;

/// <summary>Registrations and routes of the catalog RPCs (capabilities, search, describe, list-versions). Owner: catalog.</summary>
public static class CatalogServiceCollectionExtensions
{
    public static IServiceCollection AddCosmosCatalog(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder app) => app;

    /// <summary>Error handling middleware (the Cosmos error envelope). Called first in Program.</summary>
    public static IApplicationBuilder UseCosmosErrors(this IApplicationBuilder app) => app;
}
