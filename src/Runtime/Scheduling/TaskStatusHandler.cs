using System.Text.Json.Nodes;
using Universe.Runtime.Events;
using Universe.Runtime.Storage;
using Universe.Runtime.Tasks;

namespace Universe.Runtime.Scheduling;

/// <summary>
/// Applies task status updates (from the executor, or made up for simulated agents): persists them, removes
/// terminal tasks, records unexpected ends as failures with the app's backoff, and publishes Marathon events.
/// </summary>
internal sealed class TaskStatusHandler(RuntimeState state, RuntimeStore store, EventBus events, ReconcileSignal signal, TimeProvider time)
{
    public void Apply(TaskStatusUpdate update)
    {
        lock (state.Sync)
        {
            if (!state.Tasks.TryGetValue(update.TaskId, out var task))
            {
                return;
            }

            var healthChanged = update.Healthy is not null && update.Healthy != task.Healthy;
            var stateChanged = update.State != task.State || (update.MaxConsecutiveFailuresExceeded && !task.HealthExceeded);
            var next = task with
            {
                State = task.KillRequested && update.State is TaskState.Running or TaskState.Starting ? task.State : update.State,
                Healthy = update.Healthy ?? task.Healthy,
                HealthExceeded = task.HealthExceeded || update.MaxConsecutiveFailuresExceeded,
                StartedAt = task.StartedAt ?? (update.State == TaskState.Running ? update.Timestamp : null),
                Message = update.Message ?? task.Message,
            };

            if (TaskStates.IsTerminal(update.State))
            {
                store.DeleteTask(task.Id);
                state.Tasks.Remove(task.Id);
                if (!task.KillRequested)
                {
                    RecordFailure(next, update.Message ?? TaskStates.ToMarathon(update.State));
                }
            }
            else
            {
                if (stateChanged || healthChanged)
                {
                    store.SaveTask(next);
                }

                state.Tasks[task.Id] = next;
            }

            if (stateChanged)
            {
                PublishStatus(next, update.Message);
            }

            if (healthChanged)
            {
                events.Publish("instance_health_changed_event", new JsonObject
                {
                    ["instanceId"] = TaskStates.InstanceId(task.Id),
                    ["runSpecId"] = task.AppId,
                    ["runSpecVersion"] = task.Version,
                    ["healthy"] = update.Healthy,
                });
                events.Publish("health_status_changed_event", new JsonObject
                {
                    ["appId"] = task.AppId,
                    ["instanceId"] = TaskStates.InstanceId(task.Id),
                    ["version"] = task.Version,
                    ["alive"] = update.Healthy,
                });
            }

            state.Touch();
            signal.Request();
        }
    }

    /// <summary>Records a failed or unhealthy task: <c>lastTaskFailure</c> and the next launch delay. Caller holds the lock.</summary>
    public void RecordFailure(TaskRecord task, string message)
    {
        var now = time.GetUtcNow();
        state.LastFailures[task.AppId] = new TaskFailure(task.AppId, task.Host, message, TaskStates.ToMarathon(task.State), task.Id, now, task.Version, task.AgentId);
        if (!state.Apps.TryGetValue(task.AppId, out var app))
        {
            return;
        }

        var previous = state.Delays.GetValueOrDefault(task.AppId);
        var failures = (previous?.Failures ?? 0) + 1;
        var seconds = Math.Min(app.BackoffSeconds * Math.Pow(app.BackoffFactor, failures - 1), app.MaxLaunchDelaySeconds);
        state.Delays[task.AppId] = new LaunchDelay(failures, now + TimeSpan.FromSeconds(seconds), previous?.Since ?? now);
    }

    public void PublishStatus(TaskRecord task, string? message)
    {
        events.Publish("status_update_event", new JsonObject
        {
            ["slaveId"] = task.AgentId,
            ["taskId"] = task.Id,
            ["taskStatus"] = TaskStates.ToMarathon(task.State),
            ["message"] = message ?? string.Empty,
            ["appId"] = task.AppId,
            ["host"] = task.Host,
            ["ipAddresses"] = new JsonArray(),
            ["ports"] = new JsonArray([.. task.Ports.Select(p => (JsonNode)JsonValue.Create(p))]),
            ["version"] = task.Version,
        });
        events.Publish("instance_changed_event", new JsonObject
        {
            ["instanceId"] = TaskStates.InstanceId(task.Id),
            ["condition"] = TaskStates.Condition(task.State),
            ["runSpecId"] = task.AppId,
            ["agentId"] = task.AgentId,
            ["host"] = task.Host,
            ["runSpecVersion"] = task.Version,
        });
    }
}
