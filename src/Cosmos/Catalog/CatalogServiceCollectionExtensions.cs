using Microsoft.AspNetCore.Http.Json;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Repositories;

namespace Universe.Cosmos.Catalog;

/// <summary>Registrations and routes of the catalog RPCs (capabilities, search, describe, list-versions), and Cosmos's error handling.</summary>
public static class CatalogServiceCollectionExtensions
{
    public static IServiceCollection AddCosmosCatalog(this IServiceCollection services)
    {
        // Resolved lazily: IPackageCatalog is registered by AddCosmosRepositories, after this.
        services.AddSingleton(sp => new CatalogIndexProvider(sp.GetRequiredService<IPackageCatalog>()));
        services.AddSingleton<IPackageResolver, PackageResolver>();
        services.AddExceptionHandler<CosmosExceptionHandler>();
        services.AddProblemDetails();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);
        return services;
    }

    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder app) => CatalogEndpoints.Map(app);

    /// <summary>
    /// Error handling middleware (the Cosmos error envelope, Marathon's under <c>/marathon</c>), then authentication and
    /// authorization. Called first in Program.
    /// </summary>
    public static IApplicationBuilder UseCosmosErrors(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
