namespace Universe.Runtime.Scheduling;

internal sealed partial class Reconciler
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Cleaning up containers after recovery failed")]
    private partial void LogSweepFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reconcile cycle failed")]
    private partial void LogCycleFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-adopting task {TaskId} failed")]
    private partial void LogAdoptFailed(string taskId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Launching task {TaskId} failed")]
    private partial void LogLaunchFailed(string taskId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} of {AppId} did not survive the restart ({Reason}); it is reported TASK_GONE and replaced")]
    private partial void LogTaskGone(string taskId, string appId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovered task {TaskId} of {AppId} (pid {Pid})")]
    private partial void LogTaskRecovered(string taskId, string appId, int pid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: {Count} task(s) keep running and will be re-adopted at the next start")]
    private partial void LogTasksKeepRunning(int count);
}
