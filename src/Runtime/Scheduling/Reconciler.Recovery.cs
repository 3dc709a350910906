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

                var recovered = state.Tasks[task.Id];
                if (!agent!.Simulated && recovered.State is TaskState.Staging or TaskState.Starting)
                {
                    recovered = recovered with { State = TaskState.Running, StartedAt = recovered.StartedAt ?? time.GetUtcNow() };
                    state.Tasks[task.Id] = recovered;
                    store.SaveTask(recovered);
                }

                LogTaskRecovered(task.Id, task.AppId, recovered.Pid ?? 0);
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
        if (agents.Executor is not { } executor || task.Request is null)
        {
            return false;
        }

        if (task.Pid is not { } pid || task.StartTime is not { } startTime)
        {
            if (TaskProcessFinder.Find(task.Id) is not { } found)
            {
                return false;
            }

            (pid, startTime) = found;
            var withPid = task with { Pid = pid, StartTime = startTime };
            state.Tasks[task.Id] = withPid;
            store.SaveTask(withPid);
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
