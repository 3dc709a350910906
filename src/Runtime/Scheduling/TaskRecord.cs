using Universe.Runtime.Tasks;

namespace Universe.Runtime.Scheduling;

/// <summary>What the scheduler knows of one task (persisted; pid and start time allow re-adoption after a restart).</summary>
internal sealed record TaskRecord
{
    public required string Id { get; init; }

    public required string AppId { get; init; }

    public required string AgentId { get; init; }

    public required string Host { get; init; }

    public required string Role { get; init; }

    public IReadOnlyList<int> Ports { get; init; } = [];

    public TaskState State { get; init; } = TaskState.Staging;

    public bool? Healthy { get; init; }

    /// <summary>A health check failed <c>maxConsecutiveFailures</c> times in a row: the task is to be killed and replaced.</summary>
    public bool HealthExceeded { get; init; }

    public DateTimeOffset StagedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>The app version the task was launched with.</summary>
    public required string Version { get; init; }

    /// <summary>The app's <c>lastConfigChangeAt</c> at launch: a different value means the task must be replaced.</summary>
    public required string ConfigVersion { get; init; }

    public double Cpus { get; init; }

    public double Mem { get; init; }

    public double Disk { get; init; }

    public double Gpus { get; init; }

    public int? Pid { get; init; }

    public long? StartTime { get; init; }

    public string? SandboxPath { get; init; }

    public string? Message { get; init; }

    /// <summary>True once the scheduler decided to kill it (scale down, replacement, deletion): no backoff, no failure.</summary>
    public bool KillRequested { get; init; }

    public TaskLaunchRequest? Request { get; init; }

    public bool IsActive => State is TaskState.Staging or TaskState.Starting or TaskState.Running or TaskState.Killing;
}
