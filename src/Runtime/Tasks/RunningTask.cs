using System.Diagnostics;

namespace Universe.Runtime.Tasks;

/// <summary>The executor's record of one task: its process (null when re-adopted), cgroup, health monitor and exit signal.</summary>
internal sealed class RunningTask(TaskLaunchRequest request, string sandboxPath) : IDisposable
{
    private int _killRequested;

    public TaskLaunchRequest Request { get; } = request;

    public string TaskId => Request.TaskId;

    public string SandboxPath { get; } = sandboxPath;

    public int Pid { get; set; }

    public long StartTime { get; set; }

    /// <summary>Our child process; null for a re-adopted one (its exit status is unknown).</summary>
    public Process? Process { get; set; }

    public TaskCgroup? Cgroup { get; set; }

    /// <summary>The task's container when it runs an image (then <see cref="Pid"/> is the container's init process).</summary>
    public Containers.RunningContainer? Container { get; set; }

    /// <summary>Cancelled when the task ends or the executor shuts down: stops the adopted-process poll and a pending launch.</summary>
    public CancellationTokenSource Stopping { get; } = new();

    /// <summary>Cancelled when the task is being killed or has ended: stops its health checks.</summary>
    public CancellationTokenSource HealthChecks { get; } = new();

    public TaskCompletionSource Exited { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool KillRequested => Volatile.Read(ref _killRequested) == 1;

    /// <summary>Marks the task as being killed; true the first time.</summary>
    public bool RequestKill() => Interlocked.Exchange(ref _killRequested, 1) == 0;

    /// <summary>True while <see cref="Pid"/> is still this task's process (same start time; not a reused pid).</summary>
    public bool IsSameProcessAlive() =>
        Pid > 1 && ProcStat.Read(Pid) is { } stat && stat.IsAlive && (StartTime == 0 || stat.StartTime == StartTime);

    /// <summary>
    /// Signals the task's process group. Right after the start, before <c>setsid</c> ran, the group does not exist yet:
    /// then the process itself is signalled. With <paramref name="checkIdentity"/>, a pid reused by another process is left alone.
    /// </summary>
    public void Signal(int signal, bool checkIdentity = true)
    {
        if (Pid <= 1)
        {
            return;
        }

        if (!checkIdentity)
        {
            ProcessSignals.SignalGroup(Pid, signal);
        }
        else if (IsSameProcessAlive() && !ProcessSignals.SignalGroup(Pid, signal))
        {
            ProcessSignals.SignalProcess(Pid, signal);
        }
    }

    /// <summary>Releases the process handle. <see cref="Stopping"/> stays usable (a late kill may still cancel it).</summary>
    public void Dispose() => Process?.Dispose();
}
