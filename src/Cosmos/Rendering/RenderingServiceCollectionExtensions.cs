namespace Universe.Cosmos.Rendering;

/// <summary>Registrations and routes of options, validation and rendering (package/render). Owner: rendering.</summary>
public static class RenderingServiceCollectionExtensions
{
    public static IServiceCollection AddCosmosRendering(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapRenderEndpoints(this IEndpointRouteBuilder app) => app;
}
