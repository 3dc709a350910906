using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Universe.Runtime.Storage;
using Universe.Runtime.Tasks;

namespace Universe.Runtime.Metrics;

/// <summary>
/// The Runtime's instruments (meter <c>Universe.Runtime</c>), named as Marathon names its metrics (docs/metrics.md of
/// Marathon 1.7+): task launches and status updates by state, deployments started and finished, the allocator's cycle
/// time, and gauges of apps, groups, deployments and running/staged tasks. Counters move on the Marathon events the
/// Runtime publishes (<see cref="Observe"/>), so every path that emits an event is counted once.
/// </summary>
internal sealed class RuntimeMetrics
{
    public const string MeterName = "Universe.Runtime";

    private static readonly double[] AllocationBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
    private readonly TimeProvider _time;
    private readonly Counter<long> _launched;
    private readonly Counter<long> _statusUpdates;
    private readonly Counter<long> _deployments;
    private readonly Counter<long> _deploymentsFinished;
    private readonly Histogram<double> _allocationRun;

    public RuntimeMetrics(IMeterFactory meterFactory, RuntimeState state, TimeProvider time)
    {
        _time = time;
        var started = time.GetTimestamp();
        var meter = meterFactory.Create(MeterName);
        _launched = meter.CreateCounter<long>("marathon.tasks.launched", "{task}", "Tasks launched (staged) since the Runtime started");
        _statusUpdates = meter.CreateCounter<long>("marathon.mesos.task-updates", "{update}", "Task status updates, by state (task-running, task-failed, …)");
        _deployments = meter.CreateCounter<long>("marathon.deployments", "{deployment}", "Deployments started (every accepted change of apps or groups)");
        _deploymentsFinished = meter.CreateCounter<long>("marathon.deployments.finished", "{deployment}", "Deployments finished, by result (success, failed)");
        _allocationRun = meter.CreateHistogram("marathon.allocator.allocation-run", "s", "Time of one DRF allocation cycle",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = AllocationBuckets });
        meter.CreateObservableGauge("marathon.apps.active", () => Read(state, s => s.Apps.Count), "{app}", "Apps defined");
        meter.CreateObservableGauge("marathon.groups.active", () => Read(state, s => s.Groups.Count), "{group}", "Groups defined");
        meter.CreateObservableGauge("marathon.deployments.active", () => Read(state, s => s.Deployments.Count), "{deployment}", "Deployments in progress");
        meter.CreateObservableGauge("marathon.instances.running", () => Read(state, s => s.Tasks.Values.Count(t => t.State == TaskState.Running)), "{task}", "Tasks running");
        meter.CreateObservableGauge("marathon.instances.staged", () => Read(state, s => s.Tasks.Values.Count(t => t.State is TaskState.Staging or TaskState.Starting)), "{task}", "Tasks staged or starting");
        meter.CreateObservableGauge("marathon.uptime", () => time.GetElapsedTime(started).TotalSeconds, "s", "Seconds since the Runtime started");
    }

    /// <summary>Counts what a published Marathon event stands for (status updates, launches, deployments).</summary>
    public void Observe(string eventType, JsonObject payload)
    {
        switch (eventType)
        {
            case "status_update_event":
                var status = payload["taskStatus"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "TASK_UNKNOWN";
                _statusUpdates.Add(1, new KeyValuePair<string, object?>("state", status.Replace('_', '-').ToLowerInvariant()));
                if (status == "TASK_STAGING")
                {
                    _launched.Add(1);
                }

                break;
            case "group_change_success":
                _deployments.Add(1);
                break;
            case "deployment_success":
                _deploymentsFinished.Add(1, new KeyValuePair<string, object?>("result", "success"));
                break;
            case "deployment_failed":
                _deploymentsFinished.Add(1, new KeyValuePair<string, object?>("result", "failed"));
                break;
        }
    }

    /// <summary>Runs <paramref name="cycle"/> and records its duration.</summary>
    public T MeasureAllocation<T>(Func<T> cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        var started = _time.GetTimestamp();
        try
        {
            return cycle();
        }
        finally
        {
            var elapsed = _time.GetElapsedTime(started);
            _allocationRun.Record(elapsed.TotalSeconds);
        }
    }

    private static int Read(RuntimeState state, Func<RuntimeState, int> count)
    {
        lock (state.Sync)
        {
            return count(state);
        }
    }
}
