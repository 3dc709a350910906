using Universe.Runtime.Tasks;

namespace Universe.Runtime.Scheduling;

/// <summary>
/// Start-up recovery: re-adopt the local task processes and containers that outlived the Runtime. Tasks that died while
/// it was down are not forgotten silently: they are reported TASK_GONE (Mesos' state for a task its agent lost, which is
/// what a partition-aware Marathon receives) with the reason, once <c>Runtime:ReconciliationInitialDelayMilliseconds</c>
/// has passed after the API is up, so event subscribers that reconnect after the restart see it; then they are replaced.
/// </summary>
internal sealed partial class Reconciler
{
    /// <summary>Re-adopts what still runs; returns the tasks that are gone, with why, to report after the initial delay.</summary>
    private List<(string TaskId, string Reason)> Recover()
    {
        var rekill = new List<TaskRecord>();
        var gone = new List<(string TaskId, string Reason)>();
        lock (state.Sync)
        {
            foreach (var task in state.Tasks.Values.ToList())
            {
                var agent = agents.ById.GetValueOrDefault(task.AgentId);
                string reason;
                if (agent is null)
                {
                    reason = "Agent " + task.AgentId + " no longer exists after the restart";
                }
                else if (agent.Simulated || TryAdopt(task, out reason))
                {
                    reason = string.Empty;
                }

                if (reason.Length > 0)
                {
                    LogTaskGone(task.Id, task.AppId, reason);
                    gone.Add((task.Id, reason));
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

        return gone;
    }

    /// <summary>
    /// Reports the tasks that died while the Runtime was down as TASK_GONE (status_update_event, lastTaskFailure; removed,
    /// then replaced as usual), after the API is up and the initial delay passed. Until then they keep their persisted
    /// state, so nothing is launched in their place early. If the Runtime stops first, the next start reports them.
    /// </summary>
    private async Task ReportGoneAsync(List<(string TaskId, string Reason)> gone, CancellationToken cancellationToken)
    {
        if (gone.Count == 0)
        {
            return;
        }

        try
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            {
                await started.Task.WaitAsync(cancellationToken);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(options.Value.ReconciliationInitialDelayMilliseconds), time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        foreach (var (taskId, reason) in gone)
        {
            statuses.Apply(new TaskStatusUpdate(taskId, TaskState.Gone, reason, null, time.GetUtcNow()));
        }
    }

    private bool TryAdopt(TaskRecord task, out string goneReason)
    {
        if (agents.Executor is not { } executor || task.Request is null)
        {
            goneReason = "The task's launch request was not recorded; it cannot be re-adopted";
            return false;
        }

        if (task.Pid is not { } pid || task.StartTime is not { } startTime)
        {
            if (task.Request.Container is null && TaskProcessFinder.Find(task.Id) is { } found)
            {
                (pid, startTime) = found;
                var withPid = task with { Pid = pid, StartTime = startTime };
                state.Tasks[task.Id] = withPid;
                store.SaveTask(withPid);
            }
            else if (task.Request.Container is null)
            {
                goneReason = "The Runtime stopped while the task was being launched; its process was not found after the restart";
                return false;
            }
            else
            {
                (pid, startTime) = (0, 0);
            }
        }

        try
        {
            return executor.TryAdopt(new TaskRecoveryInfo(task.Request, pid, startTime, task.SandboxPath ?? string.Empty), out goneReason);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or UnauthorizedAccessException)
        {
            LogAdoptFailed(task.Id, ex);
            goneReason = "Re-adopting the task after the restart failed: " + ex.Message;
            return false;
        }
    }
}
