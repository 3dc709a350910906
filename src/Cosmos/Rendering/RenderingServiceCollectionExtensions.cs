using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Universe.Cosmos.Rendering;

/// <summary>Registrations and routes of options, validation and rendering (package/render).</summary>
public static class RenderingServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IPackageRenderer"/> (a stateless singleton).</summary>
    public static IServiceCollection AddCosmosRendering(this IServiceCollection services)
    {
        services.TryAddSingleton<IPackageRenderer, PackageRenderer>();
        return services;
    }

    /// <summary>Maps <c>POST /package/render</c>.</summary>
    public static IEndpointRouteBuilder MapRenderEndpoints(this IEndpointRouteBuilder app)
    {
        RenderEndpoints.MapRender(app);
        return app;
    }
}
