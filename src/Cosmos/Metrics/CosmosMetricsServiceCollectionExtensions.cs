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

    /// <summary>Counts every call of the endpoint as <paramref name="operation"/>, and as failed when it answers an error or throws.</summary>
    public static RouteHandlerBuilder CountsAs(this RouteHandlerBuilder builder, CosmosOperation operation) =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var metrics = factory.ApplicationServices.GetRequiredService<CosmosMetrics>();
            return async context =>
            {
                var failed = true;
                try
                {
                    var result = await next(context);
                    failed = context.HttpContext.Response.StatusCode >= StatusCodes.Status400BadRequest
                        || (result as IStatusCodeHttpResult)?.StatusCode >= StatusCodes.Status400BadRequest;
                    return result;
                }
                finally
                {
                    metrics.OperationCompleted(operation, failed);
                }
            };
        });
}
