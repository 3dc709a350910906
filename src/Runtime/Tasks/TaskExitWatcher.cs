using System.Collections.Concurrent;
using System.Runtime.Versioning;

namespace Universe.Runtime.Tasks;

/// <summary>
/// Watches task processes until they end (our children by <c>waitpid</c>, re-adopted ones by polling /proc), then
/// removes them from the executor's table, reports the terminal state and cleans up their process group and cgroup.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed partial class TaskExitWatcher(
    ConcurrentDictionary<string, RunningTask> tasks, TaskStatusPublisher publisher, TaskExecutorOptions options, TimeProvider time, ILogger logger)
{
    public async Task WatchChildAsync(RunningTask task)
    {
        await task.Process!.WaitForExitAsync(CancellationToken.None);
        Finish(task, task.Process.ExitCode);
    }

    public async Task WatchAdoptedAsync(RunningTask task)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.AdoptedPollMilliseconds), time);
        try
        {
            while (task.IsSameProcessAlive() && await timer.WaitForNextTickAsync(task.Stopping.Token))
            {
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        Finish(task, null);
    }

    /// <summary>Undoes a launch that failed half-way (process, cgroup, table entry).</summary>
    public void CleanUpFailedLaunch(RunningTask task)
    {
        tasks.TryRemove(new KeyValuePair<string, RunningTask>(task.TaskId, task));
        if (task.Process is { HasExited: false })
        {
            task.Signal(ProcessSignals.SigKill);
        }

        task.Cgroup?.KillAll();
        task.Cgroup?.TryRemove();
        task.Exited.TrySetResult();
        task.Dispose();
    }

    private void Finish(RunningTask task, int? exitCode)
    {
        if (!tasks.TryRemove(new KeyValuePair<string, RunningTask>(task.TaskId, task)))
        {
            return;
        }

        task.HealthChecks.Cancel();
        task.Stopping.Cancel();
        task.Signal(ProcessSignals.SigKill, checkIdentity: false);
        var oom = task.Cgroup?.WasOomKilled() == true;
        var (state, message) = TaskExitOutcome.Describe(task.KillRequested, task.Request.MemMb, exitCode, oom);
        LogExited(task.TaskId, state, message);
        publisher.Publish(task.TaskId, state, message, exitCode);
        if (task.Cgroup is { } cgroup)
        {
            _ = RemoveCgroupAsync(task.TaskId, cgroup);
        }

        task.Exited.TrySetResult();
        task.Dispose();
    }

    private async Task RemoveCgroupAsync(string taskId, TaskCgroup cgroup)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            cgroup.KillAll();
            if (cgroup.TryRemove())
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), time);
        }

        LogCgroupLeft(taskId);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} ended: {State} {Reason}")]
    private partial void LogExited(string taskId, TaskState state, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The cgroup of task {TaskId} could not be removed (processes remain)")]
    private partial void LogCgroupLeft(string taskId);
}
