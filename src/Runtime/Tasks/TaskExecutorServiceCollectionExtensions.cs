using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Universe.Runtime.Tasks;

/// <summary>Registration of the local task executor. Called by the Runtime's <c>AddRuntime</c>.</summary>
internal static class TaskExecutorServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ITaskExecutor"/> as a singleton <see cref="LocalTaskExecutor"/> (Linux only) with
    /// <see cref="TaskExecutorOptions"/> bound from <c>Runtime:Tasks</c>; <see cref="TaskExecutorOptions.DataDirectory"/>
    /// defaults to the Runtime's data directory (<c>Runtime:DataDirectory</c>). Also adds <see cref="TimeProvider.System"/> unless one is registered.
    /// Usage: <c>services.AddTaskExecutor();</c>
    /// </summary>
    public static IServiceCollection AddTaskExecutor(this IServiceCollection services)
    {
        services.AddOptions<TaskExecutorOptions>()
            .Configure<IOptions<RuntimeOptions>>((options, runtime) => options.DataDirectory = runtime.Value.DataDirectory)
            .BindConfiguration(TaskExecutorOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<Containers.ContainerOptions>()
            .BindConfiguration(Containers.ContainerOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton<Containers.IImageSource, Containers.RegistryImageSource>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITaskExecutor>(provider => OperatingSystem.IsLinux()
            ? ActivatorUtilities.CreateInstance<LocalTaskExecutor>(provider)
            : throw new PlatformNotSupportedException("The bundled task executor runs tasks on Linux only"));
        return services;
    }
}
