namespace Universe.Runtime.Containers;

internal sealed partial class ContainerEngine
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Container {Id} started (pid {Pid}) from {Image} in {Milliseconds} ms: rootfs {RootfsMs} ms, bundle (user, network, config.json) {BundleMs} ms, runc until the pid file {RuncMs} ms")]
    private partial void LogStarted(string id, int pid, string image, int milliseconds, int rootfsMs, int bundleMs, int runcMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Container {Id} exceeded its memory limit: the OOM killer killed a process in it; killing the container")]
    private partial void LogOomKilled(string id);

    [LoggerMessage(Level = LogLevel.Information, Message = "Container {Id} re-adopted (pid {Pid})")]
    private partial void LogAdopted(string id, int pid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Container {Id} did not stop within {Grace}; sending SIGKILL")]
    private partial void LogGraceExpired(string id, TimeSpan grace);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cleaning up container {Id}: {Error}")]
    private partial void LogCleanupFailed(string id, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removing container {Id}, which no task owns")]
    private partial void LogSweeping(string id);
}
