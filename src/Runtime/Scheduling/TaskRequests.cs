using Universe.Runtime.Allocation;
using Universe.Runtime.Apps;
using Universe.Runtime.Tasks;

namespace Universe.Runtime.Scheduling;

/// <summary>Builds the executor's launch request from an app version and a placement.</summary>
internal static class TaskRequests
{
    public static TaskLaunchRequest Build(AppDefinition app, string taskId, TaskPlacement placement) => new(
        taskId,
        app.Id,
        app.Version,
        app.Cmd,
        app.Args,
        app.Env,
        app.Fetch,
        placement.Resources.Cpus,
        placement.Resources.MemMb,
        placement.Resources.DiskMb,
        placement.Ports,
        [.. app.Ports.Select(p => p.Name)],
        app.Labels,
        app.HealthChecks,
        TimeSpan.FromSeconds(app.TaskKillGracePeriodSeconds),
        app.ContainerType,
        placement.Hostname);
}
