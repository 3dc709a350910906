using System.Text.Json.Nodes;
using Universe.Cosmos.Marathon;
using Universe.Cosmos.Services.Wire;

namespace Universe.Cosmos.Services.Lifecycle;

/// <summary>
/// Waits for an app's deployment to finish with every instance of its current configuration running and (with
/// health checks) healthy, polling <c>GET /v2/apps/{id}</c>. On timeout it reports the failing tasks with their last
/// failure message: health check <c>lastFailureCause</c>s of the new configuration's tasks and the app's
/// <c>lastTaskFailure</c> when it belongs to that configuration.
/// </summary>
public sealed class ServiceHealthWaiter(IMarathonClient marathon, TimeProvider time)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>Null when healthy in time; otherwise the failures (never empty).</summary>
    public async Task<IReadOnlyList<TaskFailureInfo>?> WaitAsync(string appId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        var seen = new Dictionary<string, TaskFailureInfo>(StringComparer.Ordinal);
        while (true)
        {
            var app = await marathon.GetAppAsync(appId, cancellationToken);
            if (app is null)
            {
                return [new TaskFailureInfo(null, null, $"the app {appId} was removed during the deployment")];
            }

            if (IsHealthy(app.Json))
            {
                return null;
            }

            foreach (var failure in HealthFailures(app.Json))
            {
                seen[failure.TaskId!] = failure;
            }

            if (time.GetUtcNow() >= deadline)
            {
                return Failures(app.Json, seen.Values);
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    /// <summary>No deployment left, and at least <c>instances</c> tasks of the current configuration running (and healthy when there are health checks).</summary>
    public static bool IsHealthy(JsonObject app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app["deployments"] is JsonArray { Count: > 0 })
        {
            return false;
        }

        var instances = app["instances"] is JsonValue n && n.TryGetValue(out int i) ? i : 1;
        var hasHealthChecks = app["healthChecks"] is JsonArray { Count: > 0 };
        var ready = CurrentTasks(app).Count(t =>
            JsonRead.Str(t["state"]) == "TASK_RUNNING"
            && (!hasHealthChecks || (t["healthCheckResults"] is JsonArray { Count: > 0 } results
                && results.All(r => r?["alive"] is JsonValue a && a.TryGetValue(out bool alive) && alive))));
        return ready >= instances;
    }

    /// <summary>
    /// The failing tasks of the current configuration and their last failure messages (at least one entry):
    /// <paramref name="seen"/> (health check failures observed while waiting, so a task killed for failing its
    /// checks keeps the cause), then the failures visible in <paramref name="app"/> now, then its <c>lastTaskFailure</c>.
    /// </summary>
    public static IReadOnlyList<TaskFailureInfo> Failures(JsonObject app, IEnumerable<TaskFailureInfo> seen)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(seen);
        var failures = new List<TaskFailureInfo>(seen);
        foreach (var failure in HealthFailures(app))
        {
            var index = failures.FindIndex(f => f.TaskId == failure.TaskId);
            if (index < 0)
            {
                failures.Add(failure);
            }
            else
            {
                failures[index] = failure;
            }
        }

        if (app["lastTaskFailure"] is JsonObject last && IsCurrent(app, JsonRead.Str(last["version"])))
        {
            var message = JsonRead.Str(last["message"]) is { Length: > 0 } m ? m : "no reason given";
            var index = failures.FindIndex(f => f.TaskId == JsonRead.Str(last["taskId"]));
            if (index < 0)
            {
                failures.Add(new TaskFailureInfo(JsonRead.Str(last["taskId"]), JsonRead.Str(last["state"]), message));
            }
            else if (!failures[index].Message.Contains(message, StringComparison.Ordinal))
            {
                failures[index] = new TaskFailureInfo(failures[index].TaskId, JsonRead.Str(last["state"]), $"{failures[index].Message}; then {message}");
            }
        }

        if (failures.Count == 0)
        {
            var running = CurrentTasks(app).Count(t => JsonRead.Str(t["state"]) == "TASK_RUNNING");
            var instances = app["instances"] is JsonValue n && n.TryGetValue(out int i) ? i : 1;
            failures.Add(new TaskFailureInfo(null, null, $"{running} of {instances} tasks of the new configuration running, none reported a failure"));
        }

        return failures;
    }

    /// <summary>Tasks of the current configuration whose health checks fail, with their <c>lastFailureCause</c>s.</summary>
    private static IEnumerable<TaskFailureInfo> HealthFailures(JsonObject app)
    {
        foreach (var task in CurrentTasks(app))
        {
            var causes = (task["healthCheckResults"] as JsonArray)?.OfType<JsonObject>()
                .Where(r => !(r["alive"] is JsonValue a && a.TryGetValue(out bool alive) && alive))
                .Select(r => JsonRead.Str(r["lastFailureCause"]))
                .OfType<string>()
                .Distinct()
                .ToList() ?? [];
            if (causes.Count > 0 && JsonRead.Str(task["id"]) is { } id)
            {
                yield return new TaskFailureInfo(id, JsonRead.Str(task["state"]), string.Join("; ", causes));
            }
        }
    }

    private static IEnumerable<JsonObject> CurrentTasks(JsonObject app) =>
        (app["tasks"] as JsonArray)?.OfType<JsonObject>().Where(t => IsCurrent(app, JsonRead.Str(t["version"]))) ?? [];

    /// <summary>Whether a task or failure version belongs to the app's current configuration (not older than <c>lastConfigChangeAt</c>).</summary>
    private static bool IsCurrent(JsonObject app, string? version)
    {
        var configuredAt = JsonRead.Str(app["versionInfo"]?["lastConfigChangeAt"]) ?? JsonRead.Str(app["version"]);
        return version is not null && (configuredAt is null || string.CompareOrdinal(version, configuredAt) >= 0);
    }
}
