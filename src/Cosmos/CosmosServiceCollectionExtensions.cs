using Universe.Cosmos.Catalog;
using Universe.Cosmos.Gui;
using Universe.Cosmos.Http;
using Universe.Cosmos.Metrics;
using Universe.Cosmos.Rendering;
using Universe.Cosmos.Repositories;
using Universe.Cosmos.Services;

namespace Universe.Cosmos;

public static class CosmosServiceCollectionExtensions
{
    /// <summary>The one place Cosmos's registrations live; Program and the test factory both call it.</summary>
    public static IServiceCollection AddCosmos(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CosmosOptions>()
            .BindConfiguration(CosmosOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(OutboundConnectionGuardFactory.Create);
        services.AddSingleton(OutboundConnectionGuardFactory.CreateTrust);
        services.AddSingleton(OutboundConnectionGuardFactory.CreateProxy);
        services.AddCosmosCatalog();
        services.AddCosmosRepositories();
        services.AddCosmosRendering();
        services.AddCosmosServices(configuration);
        services.AddCosmosGui();
        services.AddCosmosAuth();
        services.AddCosmosMetrics();
        return services;
    }

    /// <summary>Maps every Cosmos endpoint.</summary>
    public static IEndpointRouteBuilder MapCosmos(this IEndpointRouteBuilder app)
    {
        app.MapCatalogEndpoints();
        app.MapRepositoryEndpoints();
        app.MapRenderEndpoints();
        app.MapServiceEndpoints();
        app.MapGuiEndpoints();
        app.MapCosmosMetricsEndpoints();
        return app;
    }
}
