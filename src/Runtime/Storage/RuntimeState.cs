using Universe.Runtime.Apps;
using Universe.Runtime.Deployments;
using Universe.Runtime.Groups;
using Universe.Runtime.Scheduling;

namespace Universe.Runtime.Storage;

/// <summary>
/// The Runtime's in-memory state, mirrored to SQLite by <see cref="RuntimeStore"/>. Every read or write holds
/// <see cref="Sync"/>; <see cref="Version"/> changes with every observable change (response caches key on it).
/// </summary>
internal sealed class RuntimeState
{
    private long _version;

    public Lock Sync { get; } = new();

    public Dictionary<string, AppDefinition> Apps { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<string>> AppVersions { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, GroupDefinition> Groups { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, Deployment> Deployments { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, TaskRecord> Tasks { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, LaunchDelay> Delays { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, TaskFailure> LastFailures { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, QueueEntry> Queue { get; } = new(StringComparer.Ordinal);

    public long Version => Interlocked.Read(ref _version);

    public long DeploymentSequence { get; set; }

    public void Touch() => Interlocked.Increment(ref _version);

    public IEnumerable<TaskRecord> TasksOf(string appId) => Tasks.Values.Where(t => t.AppId == appId);

    public IEnumerable<Deployment> DeploymentsOf(string appId) =>
        Deployments.Values.Where(d => d.AffectedApps.Contains(appId, StringComparer.Ordinal)).OrderBy(d => d.Sequence);
}
