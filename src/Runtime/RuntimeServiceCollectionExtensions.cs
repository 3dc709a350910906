using Microsoft.Extensions.DependencyInjection.Extensions;
using Universe.Runtime.Agents;
using Universe.Runtime.Allocation;
using Universe.Runtime.Api;
using Universe.Runtime.Apps;
using Universe.Runtime.Deployments;
using Universe.Runtime.Events;
using Universe.Runtime.Groups;
using Universe.Runtime.Metrics;
using Universe.Runtime.Scheduling;
using Universe.Runtime.Storage;
using Universe.Runtime.Tasks;

namespace Universe.Runtime;

/// <summary>
/// The Runtime's one registration method and its route map. Used by Runtime's own Program (API at the root)
/// and by Cosmos, which hosts the same API under <c>/marathon</c>.
/// </summary>
public static class RuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Runtime, its options bound from the <c>Runtime</c> section. Without <c>Runtime:DataDirectory</c>,
    /// the data directory is <paramref name="defaultDataDirectory"/>'s answer when given (Cosmos puts it under its own
    /// data directory), else <c>data/runtime</c>. The configuration is only read, never written.
    /// </summary>
    public static IServiceCollection AddRuntime(
        this IServiceCollection services, IConfiguration configuration, Func<IServiceProvider, string>? defaultDataDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var runtimeOptions = services.AddOptions<RuntimeOptions>()
            .Bind(configuration.GetSection(RuntimeOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (defaultDataDirectory is not null && string.IsNullOrWhiteSpace(configuration["Runtime:DataDirectory"]))
        {
            runtimeOptions.PostConfigure<IServiceProvider>((options, provider) => options.DataDirectory = defaultDataDirectory(provider));
        }

        services.TryAddSingleton(TimeProvider.System);
        if (configuration.GetValue("Runtime:LocalAgent:Enabled", defaultValue: true) && OperatingSystem.IsLinux())
        {
            services.AddTaskExecutor();
        }

        services.AddRuntimeMetrics();
        services.TryAddSingleton<IAllocator>(sp => new MeteredAllocator(new DrfAllocator(AllocatorConfiguration.ReadOptions(configuration)), sp.GetRequiredService<RuntimeMetrics>()));
        services.AddSingleton<RuntimeStore>();
        services.AddSingleton(provider =>
        {
            var state = new RuntimeState();
            provider.GetRequiredService<RuntimeStore>().Load(state);
            return state;
        });
        services.AddSingleton<AgentRegistry>();
        services.AddSingleton<EventBus>();
        services.AddSingleton<RequestEvents>();
        services.AddSingleton<ReconcileSignal>();
        services.AddSingleton<DeploymentManager>();
        services.AddSingleton<DeploymentProgress>();
        services.AddSingleton<TaskStatusHandler>();
        services.AddSingleton<TaskKiller>();
        services.AddSingleton<TaskService>();
        services.AddSingleton<AppService>();
        services.AddSingleton<GroupService>();
        services.AddSingleton<AllocationSnapshotBuilder>();
        services.AddSingleton<LocalHostPorts>();
        services.AddHostedService<Reconciler>();
        return services;
    }

    /// <summary>Maps the Marathon v2 API (<c>/v2/…</c>, <c>/ping</c>) on <paramref name="app"/> (a root or a group such as <c>/marathon</c>).</summary>
    public static IEndpointRouteBuilder MapMarathonApi(this IEndpointRouteBuilder app)
    {
        app.MapSystemEndpoints();
        app.MapRuntimeInfoEndpoints();
        app.MapAppEndpoints();
        app.MapGroupEndpoints();
        app.MapDeploymentEndpoints();
        app.MapTaskEndpoints();
        app.MapQueueEndpoints();
        app.MapEventEndpoints();
        app.MapRuntimeMetricsEndpoints();
        return app;
    }
}
