using Universe.Metrics;

namespace Universe.Cosmos.Metrics;

/// <summary>
/// Cosmos's metrics: its instruments, Marathon-shaped <c>GET /metrics</c> and Prometheus <c>GET /metrics/prometheus</c>
/// for the whole process (Cosmos, the hosted Runtime's <c>marathon.*</c>, every request as <c>cosmos.http.*</c>).
/// </summary>
internal static class CosmosMetricsServiceCollectionExtensions
{
    public static IServiceCollection AddCosmosMetrics(this IServiceCollection services)
    {
        services.AddSingleton<CosmosMetrics>();
        services.AddDropwizardMetrics(CosmosMetrics.MeterName);
        services.AddPrometheusMetrics();
        return services;
    }

    public static IEndpointRouteBuilder MapCosmosMetricsEndpoints(this IEndpointRouteBuilder app) =>
        app.MapMetricsEndpoints(_ => new MetricsView("cosmos", null, _ => true));

    /// <summary>
    /// Counts every call of the endpoint as <paramref name="operation"/>, and as failed when it answers an error or throws.
    /// It wraps the endpoint's whole request delegate (body binding included), so a refused request counts too.
    /// </summary>
    public static RouteHandlerBuilder CountsAs(this RouteHandlerBuilder builder, CosmosOperation operation)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Finally(endpoint =>
        {
            var inner = endpoint.RequestDelegate ?? throw new InvalidOperationException("CountsAs needs an endpoint with a request delegate.");
            endpoint.RequestDelegate = async http =>
            {
                var failed = true;
                try
                {
                    await inner(http);
                    failed = http.Response.StatusCode >= StatusCodes.Status400BadRequest;
                }
                finally
                {
                    http.RequestServices.GetRequiredService<CosmosMetrics>().OperationCompleted(operation, failed);
                }
            };
        });
        return builder;
    }
}
