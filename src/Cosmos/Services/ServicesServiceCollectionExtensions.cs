using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Universe.Auth;
using Universe.Cosmos.Marathon;
using Universe.Cosmos.Services.Lifecycle;
using Universe.Runtime;

namespace Universe.Cosmos.Services;

/// <summary>
/// Registrations and routes of installed services (package/install|uninstall|list, service/describe|update),
/// the Marathon client, and hosting of the bundled Runtime under /marathon.
/// </summary>
public static class ServicesServiceCollectionExtensions
{
    private const string MarathonUrlKey = "Cosmos:Marathon:Url";

    /// <summary>
    /// The Marathon client (<c>Cosmos:Marathon:Url</c>/<c>Token</c>) and the services; without a Marathon URL also the
    /// bundled Runtime (<c>Runtime:DataDirectory</c> defaulting to <c>&lt;Cosmos:DataDirectory&gt;/runtime</c>).
    /// </summary>
    public static IServiceCollection AddCosmosServices(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton<IMarathonHttpClientProvider, MarathonHttpClientProvider>();
        services.TryAddSingleton<IMarathonClient, MarathonClient>();
        services.TryAddSingleton<InstalledPackages>();
        services.TryAddSingleton<PackageInstaller>();
        services.TryAddSingleton<PackageUninstaller>();
        services.TryAddSingleton<ServiceDescriber>();
        services.TryAddSingleton<UpdatePlanner>();
        services.TryAddSingleton<ServiceUpdater>();
        services.TryAddSingleton<ServiceHistory>();
        services.TryAddSingleton<ServiceDiffer>();
        services.TryAddSingleton<ServiceRollback>();
        services.TryAddSingleton<ServiceHealthWaiter>();
        services.TryAddSingleton<ResourceProxy>();
        if (HostsBundledRuntime(configuration))
        {
            services.AddRuntime(
                configuration,
                provider => Path.Combine(provider.GetRequiredService<IOptions<CosmosOptions>>().Value.DataDirectory, "runtime"));
        }

        return services;
    }

    /// <summary>The service RPCs, the resource proxy and (without <c>Cosmos:Marathon:Url</c>) the Runtime's Marathon API under <c>/marathon</c>.</summary>
    public static IEndpointRouteBuilder MapServiceEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapServiceRpcs();
        var configuration = app.ServiceProvider.GetRequiredService<IConfiguration>();
        if (HostsBundledRuntime(configuration))
        {
            app.MapGroup("/marathon").RequireAuthorization(AccessPolicies.MarathonApi).MapMarathonApi();
        }

        return app;
    }

    private static bool HostsBundledRuntime(IConfiguration configuration) =>
        string.IsNullOrWhiteSpace(configuration[MarathonUrlKey]);
}
