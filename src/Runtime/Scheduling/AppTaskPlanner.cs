using Universe.Runtime.Apps;
using Universe.Runtime.Tasks;

namespace Universe.Runtime.Scheduling;

/// <summary>
/// Pure per-app decisions: scale up/down (kill selection), replace unhealthy tasks, and roll tasks of an old
/// configuration over honouring <c>upgradeStrategy</c> (minimumHealthCapacity, maximumOverCapacity).
/// </summary>
internal static class AppTaskPlanner
{
    public static AppPlan Plan(AppDefinition app, IReadOnlyList<TaskRecord> tasks)
    {
        var live = tasks.Where(t => t.IsActive && !t.KillRequested).ToList();
        var unhealthy = live.Where(t => t.HealthExceeded).ToList();
        live.RemoveAll(unhealthy.Contains);
        var current = live.Where(t => t.ConfigVersion == app.LastConfigChangeAt).ToList();
        var old = live.Where(t => t.ConfigVersion != app.LastConfigChangeAt).ToList();
        var n = app.Instances;
        var kill = new List<TaskRecord>();

        if (current.Count > n)
        {
            kill.AddRange(KillOrder(current, app.KillOldestFirst).Take(current.Count - n));
            current = [.. current.Except(kill)];
        }

        if (old.Count == 0)
        {
            return new AppPlan(kill, unhealthy, Math.Max(0, n - current.Count));
        }

        var hasHealthChecks = app.HealthChecks.Count > 0;
        bool Ready(TaskRecord t) => t.State == TaskState.Running && (!hasHealthChecks || t.Healthy == true);
        var minHealthy = (int)Math.Ceiling(n * app.MinimumHealthCapacity);
        var maxTotal = n + (int)Math.Floor(n * app.MaximumOverCapacity);
        var readyCount = current.Count(Ready) + old.Count(Ready);

        var killOld = old.Where(t => !Ready(t)).ToList();
        var canKill = Math.Max(0, readyCount - minHealthy);
        killOld.AddRange(KillOrder(old.Where(Ready).ToList(), oldestFirst: true).Take(canKill));
        var remainingOld = old.Count - killOld.Count;
        var launch = Math.Max(0, Math.Min(n - current.Count, maxTotal - current.Count - remainingOld));
        if (launch == 0 && killOld.Count == 0 && remainingOld > 0 && current.All(Ready))
        {
            killOld.Add(KillOrder(old, oldestFirst: true).First());
        }

        kill.AddRange(killOld);
        return new AppPlan(kill, unhealthy, launch);
    }

    private static IEnumerable<TaskRecord> KillOrder(IReadOnlyList<TaskRecord> tasks, bool oldestFirst) =>
        oldestFirst
            ? tasks.OrderBy(t => t.StagedAt).ThenBy(t => t.Id, StringComparer.Ordinal)
            : tasks.OrderByDescending(t => t.StagedAt).ThenByDescending(t => t.Id, StringComparer.Ordinal);
}
