using System.Text.Json.Nodes;
using Universe.IO;
using Universe.Runtime.Agents;
using Universe.Runtime.Deployments;
using Universe.Runtime.Storage;
using Universe.Runtime.Tasks;

namespace Universe.Runtime.Scheduling;

/// <summary>Task reads and kills for <c>/v2/tasks</c> and <c>/v2/apps/{id}/tasks</c>; sandbox file access.</summary>
internal sealed class TaskService(RuntimeState state, TaskKiller killer, DeploymentManager deployments, AgentRegistry agents, ReconcileSignal signal)
{
    public List<TaskRecord> List(string? appId, IReadOnlyCollection<string> statuses)
    {
        lock (state.Sync)
        {
            return [.. state.Tasks.Values
                .Where(t => appId is null || t.AppId == appId)
                .Where(t => statuses.Count == 0 || statuses.Contains(TaskStates.ToMarathon(t.State)["TASK_".Length..].ToLowerInvariant()))
                .OrderBy(t => t.AppId, StringComparer.Ordinal).ThenBy(t => t.StagedAt).ThenBy(t => t.Id, StringComparer.Ordinal)];
        }
    }

    /// <summary>The service ports of each app id (empty for apps that no longer exist).</summary>
    public Dictionary<string, IReadOnlyList<int>> ServicePorts(IEnumerable<string> appIds)
    {
        lock (state.Sync)
        {
            return appIds.Distinct(StringComparer.Ordinal).ToDictionary(
                id => id, id => state.Apps.TryGetValue(id, out var app) ? app.ServicePorts : (IReadOnlyList<int>)[], StringComparer.Ordinal);
        }
    }

    public TaskRecord? Find(string taskId)
    {
        lock (state.Sync)
        {
            return state.Tasks.GetValueOrDefault(taskId);
        }
    }

    /// <summary>Kills the tasks; with <paramref name="scale"/> the apps' instances go down by the number killed (a deployment).</summary>
    public (List<TaskRecord> Killed, ChangeResult? Change) Kill(IReadOnlyCollection<string> taskIds, bool scale, bool force, CancellationToken cancellationToken)
    {
        var killed = new List<TaskRecord>();
        ChangeResult? change = null;
        lock (state.Sync)
        {
            var tasks = taskIds.Select(id => state.Tasks.GetValueOrDefault(id)).OfType<TaskRecord>().Where(t => t.IsActive && !t.KillRequested).ToList();
            if (scale)
            {
                var stateChange = new StateChange();
                foreach (var group in tasks.GroupBy(t => t.AppId, StringComparer.Ordinal))
                {
                    if (state.Apps.TryGetValue(group.Key, out var app))
                    {
                        var json = (JsonObject)app.Json.DeepClone();
                        json["instances"] = Math.Max(0, app.Instances - group.Count());
                        stateChange.Apps[app.Id] = json;
                    }
                }

                change = deployments.Apply(stateChange, force);
                if (change.Status != ChangeStatus.Deployed)
                {
                    return ([], change);
                }
            }

            killed.AddRange(tasks.Select(killer.MarkKilling));
        }

        foreach (var task in killed)
        {
            killer.Kill(task, cancellationToken);
        }

        signal.Request();
        return (killed, change);
    }

    /// <summary>The full path of a file in a local task's sandbox, or null (unknown task, simulated agent, outside the sandbox).</summary>
    /// <summary>
    /// A file of the task's sandbox opened for reading, or null when there is none. Every link on the path is resolved:
    /// what resolves outside the sandbox (a link to <c>/</c>, to another task's sandbox) is refused.
    /// </summary>
    public FileStream? OpenSandboxFile(string taskId, string relativePath)
    {
        var task = Find(taskId);
        var sandbox = task?.SandboxPath ?? agents.Executor?.GetSandboxPath(taskId);
        return sandbox is null || !OperatingSystem.IsLinux() ? null : ConfinedFile.OpenRead(sandbox, relativePath);
    }
}
