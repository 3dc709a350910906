namespace Universe.Runtime;

/// <summary>
/// The Runtime's one registration method and its route map. Used by Runtime's own Program (API at the root)
/// and by Cosmos, which hosts the same API under <c>/marathon</c>. Owner: runtime-api.
/// </summary>
public static class RuntimeServiceCollectionExtensions
{
    public static IServiceCollection AddRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services;
    }

    /// <summary>Maps the Marathon v2 API (<c>/v2/…</c>, <c>/ping</c>) on <paramref name="app"/> (a root or a group such as <c>/marathon</c>).</summary>
    public static IEndpointRouteBuilder MapMarathonApi(this IEndpointRouteBuilder app) => app;
}
