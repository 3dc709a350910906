using System.Globalization;

namespace Universe.Runtime.Tasks;

/// <summary>
/// Runs a task's health checks (one async loop per check, no threads) and publishes the task's combined health when it
/// changes: unhealthy as soon as one check fails, healthy when all checks passed. When a check reaches its
/// <c>maxConsecutiveFailures</c>, an update with <see cref="TaskStatusUpdate.MaxConsecutiveFailuresExceeded"/> is
/// published; killing and restarting the task is the scheduler's decision.
/// </summary>
internal sealed class TaskHealthMonitor(
    TaskLaunchRequest request, string sandbox, IReadOnlyDictionary<string, string> environment, HealthProbe probe, TimeProvider time, Action<TaskStatusUpdate> publish)
{
    private readonly Lock _gate = new();
    private readonly bool?[] _health = new bool?[request.HealthChecks.Count];
    private bool? _published;

    public Task RunAsync(DateTimeOffset taskStarted, CancellationToken cancellationToken) =>
        Task.WhenAll(request.HealthChecks.Select((spec, index) => RunCheckAsync(index, spec, taskStarted, cancellationToken)));

    private async Task RunCheckAsync(int index, HealthCheckSpec spec, DateTimeOffset taskStarted, CancellationToken cancellationToken)
    {
        var state = new HealthCheckState(spec, taskStarted);
        var interval = TimeSpan.FromSeconds(Math.Max(1, spec.IntervalSeconds));
        var timeout = TimeSpan.FromSeconds(Math.Max(1, spec.TimeoutSeconds));
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                HealthProbeResult result;
                using (var timer = new CancellationTokenSource(timeout, time))
                using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token))
                {
                    try
                    {
                        result = await probe.RunAsync(spec, request, sandbox, environment, linked.Token);
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        result = HealthProbeResult.Fail(spec.Protocol.ToUpperInvariant() + " health check timed out after "
                            + timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s");
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        result = HealthProbeResult.Fail(spec.Protocol.ToUpperInvariant() + " health check failed: " + e.Message);
                    }
                }

                cancellationToken.ThrowIfCancellationRequested();
                Report(index, state.Observe(result, time.GetUtcNow()), spec);
                await Task.Delay(interval, time, cancellationToken);
            }
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or ObjectDisposedException)
        {
            // The task ended or the executor stopped (and disposed its HTTP client).
        }
    }

    private void Report(int index, HealthTransition transition, HealthCheckSpec spec)
    {
        TaskStatusUpdate? update = null;
        lock (_gate)
        {
            _health[index] = transition.Healthy;
            bool? overall = _health.Any(h => h == false) ? false : _health.All(h => h == true) ? true : null;
            if (transition.Exceeded)
            {
                var message = spec.Protocol + " health check failed " + spec.MaxConsecutiveFailures.ToString(CultureInfo.InvariantCulture)
                    + " consecutive times (maxConsecutiveFailures): " + transition.Reason;
                update = new TaskStatusUpdate(request.TaskId, TaskState.Running, message, false, time.GetUtcNow(), null, true);
                _published = false;
            }
            else if (overall != _published && overall is not null)
            {
                update = new TaskStatusUpdate(request.TaskId, TaskState.Running, overall == true ? null : transition.Reason, overall, time.GetUtcNow());
                _published = overall;
            }
        }

        if (update is not null)
        {
            publish(update);
        }
    }
}
