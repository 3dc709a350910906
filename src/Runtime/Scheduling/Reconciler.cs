using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Universe.Runtime.Agents;
using Universe.Runtime.Allocation;
using Universe.Runtime.Apps;
using Universe.Runtime.Deployments;
using Universe.Runtime.Events;
using Universe.Runtime.Storage;
using Universe.Runtime.Tasks;

namespace Universe.Runtime.Scheduling;

/// <summary>
/// The reconcile/allocation loop: every <c>AllocationIntervalMilliseconds</c> (1 s) and whenever something changed
/// (batched), it advances deployments, decides kills and launches per app, asks the DRF allocator where pending
/// tasks go, records and launches them, and fills <c>/v2/queue</c> with the reasons for what stays unplaced.
/// </summary>
internal sealed partial class Reconciler(
    RuntimeState state,
    RuntimeStore store,
    AgentRegistry agents,
    IAllocator allocator,
    AllocationSnapshotBuilder snapshots,
    LocalHostPorts hostPorts,
    DeploymentProgress progress,
    TaskStatusHandler statuses,
    TaskKiller killer,
    EventBus events,
    ReconcileSignal signal,
    TimeProvider time,
    IOptions<RuntimeOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<Reconciler> logger) : BackgroundService
{
    /// <summary>Launches and the sweep after recovery: <see cref="ExecuteAsync"/> awaits them before it ends (nothing writes after the host stopped).</summary>
    private readonly InFlightWork _inFlight = new();

    /// <summary>Says in the log that the tasks outlive this stop (they are re-adopted at the next start), then stops the loop.</summary>
    public override Task StopAsync(CancellationToken cancellationToken)
    {
        int running;
        lock (state.Sync)
        {
            running = state.Tasks.Values.Count(t => t.IsActive);
        }

        LogTasksKeepRunning(running);
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (agents.Executor is { } preparing)
        {
            await preparing.PrepareRecoveryAsync(stoppingToken);
        }

        var gone = Recover();
        if (agents.Executor is { } recovered)
        {
            _inFlight.Add(SweepAfterRecoveryAsync(recovered, stoppingToken));
        }

        var reports = ReportGoneAsync(gone, stoppingToken);
        var interval = TimeSpan.FromMilliseconds(options.Value.AllocationIntervalMilliseconds);
        using var timer = time.CreateTimer(_ => signal.Request(), null, interval, interval);
        var updates = agents.Executor is { } executor ? ConsumeUpdatesAsync(executor, stoppingToken) : Task.CompletedTask;
        signal.Request();
        try
        {
            while (await signal.WaitAsync(stoppingToken))
            {
                signal.Consume();
                try
                {
                    RunCycle(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogCycleFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await updates;
        await reports;
        await _inFlight.WhenAllAsync();
    }

    /// <summary>One cycle: deployments, per-app decisions, allocation, launches and kills.</summary>
    public void RunCycle(CancellationToken cancellationToken)
    {
        var launches = new List<(TaskRecord Task, TaskLaunchRequest Request)>();
        var kills = new List<TaskRecord>();
        lock (state.Sync)
        {
            var changed = progress.Advance();
            var waiting = state.Deployments.Values.SelectMany(d => d.WaitingApps()).ToHashSet(StringComparer.Ordinal);
            var byApp = state.Tasks.Values.Where(t => t.IsActive).GroupBy(t => t.AppId, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

            foreach (var (appId, tasks) in byApp.Where(kv => !state.Apps.ContainsKey(kv.Key)))
            {
                kills.AddRange(tasks.Where(t => !t.KillRequested).Select(killer.MarkKilling));
            }

            var now = time.GetUtcNow();
            var pending = new Dictionary<string, int>(StringComparer.Ordinal);
            var delayed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var app in state.Apps.Values)
            {
                if (waiting.Contains(app.Id))
                {
                    continue;
                }

                var plan = AppTaskPlanner.Plan(app, byApp.GetValueOrDefault(app.Id) ?? []);
                foreach (var task in plan.Unhealthy)
                {
                    statuses.RecordFailure(task, "Task was killed because it failed its health checks");
                    events.Publish("unhealthy_instance_kill_event", new JsonObject
                    {
                        ["appId"] = app.Id, ["taskId"] = task.Id, ["instanceId"] = TaskStates.InstanceId(task.Id), ["version"] = task.Version,
                        ["reason"] = "HealthCheckFailed", ["host"] = task.Host, ["slaveId"] = task.AgentId,
                    });
                }

                kills.AddRange(plan.Kill.Concat(plan.Unhealthy).Select(killer.MarkKilling));
                if (plan.Launch > 0)
                {
                    if (state.Delays.TryGetValue(app.Id, out var delay) && delay.NotBefore > now)
                    {
                        delayed.Add(app.Id);
                    }

                    pending[app.Id] = plan.Launch;
                }
            }

            var toAllocate = pending.Where(kv => !delayed.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
            var outcome = AllocateWithFreeHostPorts(state, toAllocate);
            foreach (var placement in outcome.Placements)
            {
                var app = state.Apps[placement.ClientId];
                var record = CreateTask(app, placement, now);
                if (agents.ById[placement.AgentId].Simulated)
                {
                    statuses.PublishStatus(record, null);
                    var running = record with { State = TaskState.Running, StartedAt = now };
                    state.Tasks[record.Id] = running;
                    store.SaveTask(running);
                    statuses.PublishStatus(running, null);
                }
                else
                {
                    state.Tasks[record.Id] = record;
                    store.SaveTask(record);
                    statuses.PublishStatus(record, null);
                    launches.Add((record, record.Request!));
                }
            }

            changed |= LaunchQueue.Update(state, pending, outcome, now);
            if (changed || kills.Count > 0 || outcome.Placements.Count > 0)
            {
                state.Touch();
            }
        }

        foreach (var task in kills)
        {
            killer.Kill(task, cancellationToken);
        }

        foreach (var (task, request) in launches)
        {
            _inFlight.Add(LaunchAsync(task, request, cancellationToken));
        }
    }

    private async Task LaunchAsync(TaskRecord task, TaskLaunchRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var info = await agents.Executor!.LaunchAsync(request, cancellationToken);
            if (info is null)
            {
                return;
            }

            lock (state.Sync)
            {
                if (state.Tasks.TryGetValue(task.Id, out var current))
                {
                    var updated = current with { Pid = info.Pid, StartTime = info.StartTime, SandboxPath = info.SandboxPath };
                    state.Tasks[task.Id] = updated;
                    store.SaveTask(updated);
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLaunchFailed(task.Id, ex);
            statuses.Apply(new TaskStatusUpdate(task.Id, TaskState.Failed, "Launch failed: " + ex.Message, null, time.GetUtcNow()));
        }
    }

    private async Task SweepAfterRecoveryAsync(ITaskExecutor executor, CancellationToken cancellationToken)
    {
        try
        {
            await executor.RecoveryCompletedAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            LogSweepFailed(ex);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task ConsumeUpdatesAsync(ITaskExecutor executor, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var update in executor.Updates.ReadAllAsync(cancellationToken))
            {
                statuses.Apply(update);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static TaskRecord CreateTask(AppDefinition app, TaskPlacement placement, DateTimeOffset now)
    {
        var taskId = $"{PathId.ToTaskPrefix(app.Id)}.instance-{Guid.NewGuid()}._app.1";
        var request = TaskRequests.Build(app, taskId, placement);
        return new TaskRecord
        {
            Id = taskId,
            AppId = app.Id,
            AgentId = placement.AgentId,
            Host = placement.Hostname,
            Role = placement.Role,
            Ports = [.. request.HostPorts],
            StagedAt = now,
            Version = app.Version,
            ConfigVersion = app.LastConfigChangeAt,
            Cpus = placement.Resources.Cpus,
            Mem = placement.Resources.MemMb,
            Disk = placement.Resources.DiskMb,
            Gpus = placement.Resources.Gpus,
            Request = request,
        };
    }
}
