using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.Metrics;
using OpenTelemetry.Metrics;

namespace Universe.Metrics;

/// <summary>
/// Registration and routes of <c>/metrics</c> (Marathon's Dropwizard JSON, from <see cref="DropwizardRegistry"/>) and
/// <c>/metrics/prometheus</c> (OpenTelemetry's Prometheus exporter). Linked as source into Runtime and Cosmos.
/// </summary>
internal static class MetricsServiceCollectionExtensions
{
    public const string JsonPath = "/metrics";
    public const string PrometheusPath = "/metrics/prometheus";

    /// <summary>The OpenTelemetry listener's name in Microsoft.Extensions.Diagnostics' metrics rules.</summary>
    private const string OpenTelemetryListener = "OpenTelemetry";

    /// <summary>
    /// The Dropwizard registry (started with the host) and <paramref name="meterName"/> in OpenTelemetry. OpenTelemetry gets
    /// its meters through Microsoft.Extensions.Diagnostics' rules with <see cref="MeterScope.Local"/>, not through
    /// <c>AddMeter</c> (which listens to every meter of that name in the process): only the meters of this host's
    /// <see cref="IMeterFactory"/> are read, so two hosts in one process (tests) never mix.
    /// </summary>
    public static IServiceCollection AddDropwizardMetrics(this IServiceCollection services, string meterName)
    {
        services.AddMetrics(metrics => metrics.EnableMetrics(meterName, null, OpenTelemetryListener, MeterScope.Local));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DropwizardRegistry>();
        services.AddHostedService(sp => new DropwizardRegistryStarter(sp.GetRequiredService<DropwizardRegistry>()));
        services.AddOpenTelemetry().WithMetrics();
        return services;
    }

    /// <summary>
    /// What only the host adds: ASP.NET Core's meters (requests, Kestrel) and the Prometheus exporter, once per process.
    /// Scrapes are not cached, so a scrape right after a change shows it.
    /// </summary>
    public static IServiceCollection AddPrometheusMetrics(this IServiceCollection services)
    {
        services.AddMetrics(metrics => metrics
            .EnableMetrics(DropwizardRegistry.HostingMeter, null, OpenTelemetryListener, MeterScope.Local)
            .EnableMetrics(DropwizardRegistry.KestrelMeter, null, OpenTelemetryListener, MeterScope.Local));
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddPrometheusExporter(options => options.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    /// <summary>
    /// <c>GET {prefix}/metrics</c> and <c>GET {prefix}/metrics/prometheus</c> (other methods: 405). <paramref name="view"/>
    /// gets the route prefix the endpoints were mapped under (null at the root).
    /// </summary>
    public static IEndpointRouteBuilder MapMetricsEndpoints(this IEndpointRouteBuilder app, Func<string?, MetricsView> view)
    {
        app.MapGet(JsonPath, (HttpContext http, DropwizardRegistry registry, CancellationToken cancellationToken) =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            var snapshot = DropwizardSnapshotBuilder.Build(registry, view(RoutePrefix(http)));
            return TypedResults.Bytes(DropwizardJson.Write(snapshot), "application/json; charset=utf-8");
        });
        app.MapPrometheusScrapingEndpoint(PrometheusPath).WithMetadata(new HttpMethodMetadata([HttpMethods.Get, HttpMethods.Head]));
        return app;
    }

    /// <summary>The part of the matched route before <c>/metrics</c>: <c>/marathon</c> in Cosmos, null at the root.</summary>
    private static string? RoutePrefix(HttpContext http)
    {
        var pattern = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? JsonPath;
        var prefix = pattern.EndsWith(JsonPath, StringComparison.Ordinal) ? pattern[..^JsonPath.Length].TrimEnd('/') : string.Empty;
        return prefix.Length == 0 ? null : (prefix.StartsWith('/') ? prefix : "/" + prefix);
    }

    private sealed class DropwizardRegistryStarter(DropwizardRegistry registry) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(registry);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
