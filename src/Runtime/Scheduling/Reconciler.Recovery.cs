using Universe.Runtime.Tasks;

namespace Universe.Runtime.Scheduling;

/// <summary>Start-up recovery: re-adopt the local task processes that outlived the Runtime, forget the rest.</summary>
internal sealed partial class Reconciler
{
    private void Recover()
    {
        var rekill = new List<TaskRecord>();
        lock (state.Sync)
        {
            foreach (var task in state.Tasks.Values.ToList())
            {
                var agent = agents.ById.GetValueOrDefault(task.AgentId);
                var keep = agent is not null && (agent.Simulated || TryAdopt(task));
                if (!keep)
                {
                    state.Tasks.Remove(task.Id);
                    store.DeleteTask(task.Id);
                    LogTaskGone(task.Id, task.AppId);
                    continue;
                }

                LogTaskRecovered(task.Id, task.AppId, task.Pid ?? 0);
                if (task.KillRequested)
                {
                    rekill.Add(task);
                }
            }

            state.Touch();
        }

        foreach (var task in rekill)
        {
            killer.Kill(task, CancellationToken.None);
        }
    }

    private bool TryAdopt(TaskRecord task)
    {
        if (agents.Executor is not { } executor || task.Pid is not { } pid || task.StartTime is not { } startTime || task.Request is null)
        {
            return false;
        }

        try
        {
            return executor.TryAdopt(new TaskRecoveryInfo(task.Request, pid, startTime, task.SandboxPath ?? string.Empty));
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            LogAdoptFailed(task.Id, ex);
            return false;
        }
    }
}
