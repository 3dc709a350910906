namespace Universe.Runtime.Tasks;

internal sealed partial class LocalTaskExecutor
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Task isolation: {Mode} (cpu limits {CpuLimits}, memory limits {MemoryLimits}) {Reason}")]
    private partial void LogIsolation(string mode, bool cpuLimits, bool memoryLimits, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} rejected: {Reason}")]
    private partial void LogLaunchRejected(string taskId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} started as pid {Pid} in {Sandbox}")]
    private partial void LogStarted(string taskId, int pid, string sandbox);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} failed to launch: {Reason}")]
    private partial void LogLaunchFailed(string taskId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Killing task {TaskId} (grace period {GracePeriod})")]
    private partial void LogKilling(string taskId, TimeSpan gracePeriod);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} outlived its grace period: SIGKILL")]
    private partial void LogGraceExpired(string taskId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} not re-adopted: pid {Pid} is gone or was reused")]
    private partial void LogAdoptFailed(string taskId, int pid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} re-adopted (pid {Pid})")]
    private partial void LogAdopted(string taskId, int pid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Garbage-collecting container layers failed: {Error}")]
    private partial void LogGarbageCollectionFailed(string error);
}
