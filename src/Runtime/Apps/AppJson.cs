using System.Text.Json.Nodes;
using Universe.Runtime.Scheduling;
using Universe.Runtime.Storage;
using Universe.Runtime.Tasks;

namespace Universe.Runtime.Apps;

/// <summary>Renders <c>AppInfo</c>: the stored definition plus the requested embeds. Caller holds the state lock.</summary>
internal static class AppJson
{
    public static JsonObject Render(AppDefinition app, RuntimeState state, AppEmbeds embeds, ILookup<string, TaskRecord>? tasksByApp = null)
    {
        var json = (JsonObject)app.Json.DeepClone();
        var tasks = (embeds & (AppEmbeds.Counts | AppEmbeds.Tasks | AppEmbeds.TaskStats)) != 0
            ? (tasksByApp?[app.Id] ?? state.TasksOf(app.Id)).OrderBy(t => t.StagedAt).ThenBy(t => t.Id, StringComparer.Ordinal).ToList()
            : [];
        if (embeds.HasFlag(AppEmbeds.Counts))
        {
            json["tasksStaged"] = tasks.Count(t => t.State is TaskState.Staging or TaskState.Starting);
            json["tasksRunning"] = tasks.Count(t => t.State == TaskState.Running);
            json["tasksHealthy"] = tasks.Count(t => t.Healthy == true);
            json["tasksUnhealthy"] = tasks.Count(t => t.Healthy == false);
        }

        if (embeds.HasFlag(AppEmbeds.Deployments))
        {
            json["deployments"] = new JsonArray([.. state.DeploymentsOf(app.Id).Select(d => (JsonNode)new JsonObject { ["id"] = d.Id })]);
        }

        if (embeds.HasFlag(AppEmbeds.Readiness))
        {
            json["readinessCheckResults"] = new JsonArray();
        }

        if (embeds.HasFlag(AppEmbeds.Tasks))
        {
            json["tasks"] = new JsonArray([.. tasks.Select(t => (JsonNode)TaskJson.Render(t, app.ServicePorts))]);
        }

        if (embeds.HasFlag(AppEmbeds.LastTaskFailure) && state.LastFailures.TryGetValue(app.Id, out var failure))
        {
            json["lastTaskFailure"] = new JsonObject
            {
                ["appId"] = failure.AppId,
                ["host"] = failure.Host,
                ["message"] = failure.Message,
                ["state"] = failure.State,
                ["taskId"] = failure.TaskId,
                ["timestamp"] = RuntimeClock.Format(failure.Timestamp),
                ["version"] = failure.Version,
                ["slaveId"] = failure.SlaveId,
            };
        }

        if (embeds.HasFlag(AppEmbeds.TaskStats))
        {
            json["tasksStats"] = TaskStats(app, tasks);
        }

        return json;
    }

    private static JsonObject TaskStats(AppDefinition app, List<TaskRecord> tasks)
    {
        var result = new JsonObject();
        void Add(string name, List<TaskRecord> subset)
        {
            if (subset.Count > 0)
            {
                result[name] = new JsonObject
                {
                    ["stats"] = new JsonObject
                    {
                        ["counts"] = new JsonObject
                        {
                            ["staged"] = subset.Count(t => t.State is TaskState.Staging or TaskState.Starting),
                            ["running"] = subset.Count(t => t.State == TaskState.Running),
                            ["healthy"] = subset.Count(t => t.Healthy == true),
                            ["unhealthy"] = subset.Count(t => t.Healthy == false),
                        },
                    },
                };
            }
        }

        Add("startedAfterLastScaling", [.. tasks.Where(t => string.CompareOrdinal(RuntimeClock.Format(t.StagedAt), app.LastScalingAt) >= 0)]);
        Add("withLatestConfig", [.. tasks.Where(t => t.ConfigVersion == app.LastConfigChangeAt)]);
        Add("withOutdatedConfig", [.. tasks.Where(t => t.ConfigVersion != app.LastConfigChangeAt)]);
        Add("totalSummary", tasks);
        return result;
    }
}
