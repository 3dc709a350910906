using Universe.Metrics;

namespace Universe.Runtime.Metrics;

/// <summary>
/// The Runtime's metrics: its instruments, the Dropwizard registry behind Marathon's <c>GET /metrics</c>, and its meter in
/// OpenTelemetry (the host adds the Prometheus exporter: the standalone Runtime, or Cosmos).
/// </summary>
internal static class RuntimeMetricsServiceCollectionExtensions
{
    public static IServiceCollection AddRuntimeMetrics(this IServiceCollection services)
    {
        services.AddSingleton<RuntimeMetrics>();
        services.AddDropwizardMetrics(RuntimeMetrics.MeterName);
        return services;
    }

    /// <summary>
    /// <c>GET /metrics</c> (Marathon's JSON) and <c>GET /metrics/prometheus</c>. At the root (the standalone Runtime) they
    /// cover the whole server; under a prefix (<c>/marathon</c> in Cosmos) the Runtime's meter and the requests under it.
    /// </summary>
    public static IEndpointRouteBuilder MapRuntimeMetricsEndpoints(this IEndpointRouteBuilder app) =>
        app.MapMetricsEndpoints(routePrefix => routePrefix is null
            ? new MetricsView("marathon", null, meter => meter.Name is RuntimeMetrics.MeterName or DropwizardRegistry.HostingMeter or DropwizardRegistry.KestrelMeter)
            : new MetricsView("marathon", routePrefix, meter => meter.Name is RuntimeMetrics.MeterName or DropwizardRegistry.HostingMeter));
}
