using Universe.Runtime.Agents;
using Universe.Runtime.Storage;
using Universe.Runtime.Tasks;

namespace Universe.Runtime.Scheduling;

/// <summary>
/// Kills tasks: <see cref="MarkKilling"/> (under the state lock) records the decision, <see cref="Kill"/> (outside it)
/// asks the executor (SIGTERM, SIGKILL after the app's grace period) or ends a simulated task at once.
/// </summary>
internal sealed partial class TaskKiller(RuntimeState state, RuntimeStore store, AgentRegistry agents, TaskStatusHandler statuses, TimeProvider time, ILogger<TaskKiller> logger)
{
    /// <summary>Caller holds the state lock.</summary>
    public TaskRecord MarkKilling(TaskRecord task)
    {
        var killing = task with { State = TaskState.Killing, KillRequested = true };
        state.Tasks[task.Id] = killing;
        store.SaveTask(killing);
        statuses.PublishStatus(killing, null);
        state.Touch();
        return killing;
    }

    /// <summary>Call without holding the state lock.</summary>
    public void Kill(TaskRecord task, CancellationToken cancellationToken)
    {
        var agent = agents.ById.GetValueOrDefault(task.AgentId);
        if (agent is null || agent.Simulated || agents.Executor is null)
        {
            statuses.Apply(new TaskStatusUpdate(task.Id, TaskState.Killed, "Killed by the scheduler", null, time.GetUtcNow()));
            return;
        }

        int graceSeconds;
        lock (state.Sync)
        {
            graceSeconds = state.Apps.TryGetValue(task.AppId, out var app) ? app.TaskKillGracePeriodSeconds : 3;
        }

        _ = KillAsync(agents.Executor, task, TimeSpan.FromSeconds(graceSeconds), cancellationToken);
    }

    private async Task KillAsync(ITaskExecutor executor, TaskRecord task, TimeSpan grace, CancellationToken cancellationToken)
    {
        try
        {
            await executor.KillAsync(task.Id, grace, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogKillFailed(task.Id, ex);
            statuses.Apply(new TaskStatusUpdate(task.Id, TaskState.Killed, ex.Message, null, time.GetUtcNow()));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Killing task {TaskId} failed")]
    private partial void LogKillFailed(string taskId, Exception exception);
}
