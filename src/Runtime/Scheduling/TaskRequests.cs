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
        InAppOrder(app, placement.Ports),
        [.. app.Ports.Select(p => p.Name)],
        app.Labels,
        app.HealthChecks,
        TimeSpan.FromSeconds(app.TaskKillGracePeriodSeconds),
        app.ContainerType,
        placement.Hostname,
        app.Container);

    /// <summary>
    /// The allocator hands out the required (fixed) ports first, then the dynamic ones; PORT0..n follow the app's own
    /// order of port definitions / port mappings, so the two are interleaved back here.
    /// </summary>
    public static IReadOnlyList<int> InAppOrder(AppDefinition app, IReadOnlyList<int> placed)
    {
        var required = app.Ports.Count(p => p.Port != 0 && (app.RequirePorts || p.Fixed));
        if (required == 0 || placed.Count != app.Ports.Count)
        {
            return placed;
        }

        var dynamic = required;
        var ordered = new int[placed.Count];
        for (var i = 0; i < app.Ports.Count; i++)
        {
            var port = app.Ports[i];
            ordered[i] = port.Port != 0 && (app.RequirePorts || port.Fixed) ? port.Port : placed[dynamic++];
        }

        return ordered;
    }
}
