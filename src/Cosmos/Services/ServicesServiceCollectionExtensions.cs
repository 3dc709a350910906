namespace Universe.Cosmos.Services;

/// <summary>
/// Registrations and routes of installed services (package/install|uninstall|list, service/describe|update),
/// the Marathon client, and hosting of the bundled Runtime under /marathon. Owner: install.
/// </summary>
public static class ServicesServiceCollectionExtensions
{
    public static IServiceCollection AddCosmosServices(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }

    public static IEndpointRouteBuilder MapServiceEndpoints(this IEndpointRouteBuilder app) => app;
}
