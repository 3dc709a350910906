using Universe.Http;
using Universe.Metrics;

namespace Universe.Runtime.Hosting;

/// <summary>
/// The standalone Runtime's services and pipeline, shared by the executable (src/Runtime/Host) and the tests so both
/// run the same thing: the Runtime, its token authentication, Marathon-shaped errors, and the API at the root.
/// </summary>
internal static class StandaloneRuntime
{
    public static IServiceCollection AddStandaloneRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddRuntime(configuration);
        services.AddRuntimeHostAuth(configuration);
        services.AddRequestLimits();
        services.AddPrometheusMetrics();
        return services;
    }

    /// <summary>Errors, request-line and header limits (414/431 with a body), authentication, authorization, then the Marathon API (at the root, or under <paramref name="prefix"/>).</summary>
    public static WebApplication UseStandaloneRuntime(this WebApplication app, string prefix = "")
    {
        app.UseRuntimeErrors();
        app.UseRequestLimits();
        app.UseAuthentication();
        app.UseAuthorization();
        if (prefix.Length > 0)
        {
            app.MapGroup(prefix).MapMarathonApi();
        }
        else
        {
            app.MapMarathonApi();
        }

        return app;
    }
}
