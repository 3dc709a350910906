using System.Threading.Channels;

namespace Universe.Runtime.Tasks;

/// <summary>
/// Runs tasks as real OS processes on the local agent: sandbox, environment, fetcher, process group,
/// cgroup limits, health checks, kill, re-adoption after a Runtime restart.
/// The scheduler decides what runs where and reacts to <see cref="Updates"/>.
/// </summary>
internal interface ITaskExecutor
{
    /// <summary>What isolation the host allows (cgroup v1/v2 or none, and why), for <c>/runtime/info</c>.</summary>
    IsolationInfo Isolation { get; }

    /// <summary>Status changes of every task this executor runs (state and health). Single reader: the scheduler.</summary>
    ChannelReader<TaskStatusUpdate> Updates { get; }

    /// <summary>
    /// Creates the sandbox, fetches URIs, starts the process. Returns as soon as the process started; a failure to
    /// fetch or start is reported as TASK_FAILED through <see cref="Updates"/> (with the reason), never thrown.
    /// </summary>
    Task<TaskProcessInfo?> LaunchAsync(TaskLaunchRequest request, CancellationToken cancellationToken);

    /// <summary>SIGTERM to the task's process group, SIGKILL after <paramref name="gracePeriod"/>; completes when it is gone.</summary>
    Task KillAsync(string taskId, TimeSpan gracePeriod, CancellationToken cancellationToken);

    /// <summary>Called once at start, before <see cref="TryAdopt"/>: reads what it needs to re-adopt (runc's containers).</summary>
    Task PrepareRecoveryAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Re-adopts a task process that outlived a Runtime restart, if pid and start time still match (then it is
    /// watched, health-checked and killable again). False when it is gone or the pid was reused; then
    /// <paramref name="goneReason"/> says what became of it (for the TASK_GONE status update).
    /// </summary>
    bool TryAdopt(TaskRecoveryInfo info, out string goneReason);

    /// <summary>The task's sandbox directory (stdout, stderr, fetched files), or null when unknown.</summary>
    string? GetSandboxPath(string taskId);

    /// <summary>Images being pulled for tasks right now, with their progress (for <c>/v2/queue</c>).</summary>
    IReadOnlyCollection<Containers.ImagePullStatus> ImagePulls { get; }

    /// <summary>What the host offers for containers (runc, namespaces, cgroups, overlayfs, CNI), for <c>/runtime/info</c>.</summary>
    Task<Containers.ContainerSupport> GetContainerSupportAsync();

    /// <summary>Called once after <see cref="TryAdopt"/> ran for every persisted task: cleans up containers no task owns.</summary>
    Task RecoveryCompletedAsync(CancellationToken cancellationToken);
}

/// <summary>Everything needed to launch one task of an app (Marathon's env vars are derived from it).</summary>
internal sealed record TaskLaunchRequest(
    string TaskId,
    string AppId,
    string AppVersion,
    string? Cmd,
    IReadOnlyList<string>? Args,
    IReadOnlyDictionary<string, string> Env,
    IReadOnlyList<FetchUri> Fetch,
    double Cpus,
    double MemMb,
    double DiskMb,
    IReadOnlyList<int> HostPorts,
    IReadOnlyList<string?> PortNames,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<HealthCheckSpec> HealthChecks,
    TimeSpan KillGracePeriod,
    string? ContainerType,
    string Hostname,
    TaskContainerSpec? Container = null);

/// <summary>One <c>fetch</c> entry (or a legacy <c>uris</c> entry with its defaults).</summary>
internal sealed record FetchUri(string Uri, bool Extract = true, bool Executable = false, bool Cache = false, string? DestPath = null);

/// <summary>A Marathon health check (protocols HTTP, HTTPS, TCP, COMMAND, and their MESOS_* variants).</summary>
internal sealed record HealthCheckSpec(
    string Protocol,
    string? Path,
    int? PortIndex,
    int? Port,
    string? Command,
    int GracePeriodSeconds = 300,
    int IntervalSeconds = 60,
    int TimeoutSeconds = 20,
    int MaxConsecutiveFailures = 3,
    bool IgnoreHttp1xx = false);

/// <summary>Marathon/Mesos task states.</summary>
internal enum TaskState
{
    Staging,
    Starting,
    Running,
    Killing,
    Finished,
    Failed,
    Killed,
    Lost,
    Error,

    /// <summary>Mesos' TASK_GONE: the task is no longer running and its agent cannot say how it ended (it died while the Runtime was down).</summary>
    Gone,
}

/// <summary>
/// A change of a task's state or health. <see cref="Healthy"/> is null when there are no health checks or no result yet.
/// <see cref="MaxConsecutiveFailuresExceeded"/> is true on the (Running, Healthy=false) update sent when a health check
/// failed <c>maxConsecutiveFailures</c> times in a row: the scheduler should then kill the task and restart it.
/// </summary>
internal sealed record TaskStatusUpdate(
    string TaskId,
    TaskState State,
    string? Message,
    bool? Healthy,
    DateTimeOffset Timestamp,
    int? ExitCode = null,
    bool MaxConsecutiveFailuresExceeded = false);

/// <summary>The started process: pid, its start time (from /proc/PID/stat, to detect pid reuse), and sandbox.</summary>
internal sealed record TaskProcessInfo(int Pid, long StartTime, string SandboxPath);

/// <summary>What the scheduler persisted about a running task, to re-adopt it after a restart.</summary>
internal sealed record TaskRecoveryInfo(TaskLaunchRequest Request, int Pid, long StartTime, string SandboxPath);

/// <summary>The isolation in force: "cgroup-v2", "cgroup-v1" or "none", with the reason when none.</summary>
internal sealed record IsolationInfo(string Mode, bool CpuLimits, bool MemoryLimits, string? Reason);
