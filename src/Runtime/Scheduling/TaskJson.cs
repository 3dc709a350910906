using System.Text.Json.Nodes;
using Universe.Runtime.Tasks;

namespace Universe.Runtime.Scheduling;

/// <summary>Marathon's <c>Task</c> JSON.</summary>
internal static class TaskJson
{
    /// <summary><paramref name="servicePorts"/>: the app's service ports (Marathon shows the app's current ones on every task).</summary>
    public static JsonObject Render(TaskRecord task, IReadOnlyList<int> servicePorts)
    {
        var json = new JsonObject
        {
            ["id"] = task.Id,
            ["appId"] = task.AppId,
            ["host"] = task.Host,
            ["ports"] = new JsonArray([.. task.Ports.Select(p => (JsonNode)JsonValue.Create(p))]),
            ["servicePorts"] = new JsonArray([.. servicePorts.Select(p => (JsonNode)JsonValue.Create(p))]),
            ["slaveId"] = task.AgentId,
            ["state"] = TaskStates.ToMarathon(task.State),
            ["stagedAt"] = RuntimeClock.Format(task.StagedAt),
            ["startedAt"] = task.StartedAt is { } started ? RuntimeClock.Format(started) : null,
            ["version"] = task.Version,
            ["ipAddresses"] = new JsonArray { new JsonObject { ["ipAddress"] = "127.0.0.1", ["protocol"] = "IPv4" } },
            ["localVolumes"] = new JsonArray(),
            ["role"] = task.Role,
        };
        if (task.Healthy is { } healthy)
        {
            json["healthCheckResults"] = new JsonArray
            {
                new JsonObject
                {
                    ["alive"] = healthy,
                    ["consecutiveFailures"] = healthy ? 0 : 1,
                    ["instanceId"] = TaskStates.InstanceId(task.Id),
                    ["lastFailureCause"] = healthy ? null : task.Message,
                },
            };
        }

        if (task.State != TaskState.Running && task.Message is not null)
        {
            json["message"] = task.Message;
        }

        return json;
    }
}
