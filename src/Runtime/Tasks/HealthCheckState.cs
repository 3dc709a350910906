namespace Universe.Runtime.Tasks;

/// <summary>The outcome of one health probe: true/false, or null when it does not count (an ignored 1xx).</summary>
internal readonly record struct HealthProbeResult(bool? Healthy, string? Reason)
{
    public static HealthProbeResult Ok { get; } = new(true, null);

    public static HealthProbeResult Fail(string reason) => new(false, reason);
}

/// <summary>What a probe result changed: the check's health, and whether maxConsecutiveFailures was just reached.</summary>
internal readonly record struct HealthTransition(bool? Healthy, bool Changed, bool Exceeded, string? Reason);

/// <summary>
/// Marathon's rules for one health check, without I/O or clocks: failures inside the grace period (counted from the task's
/// start) are ignored until the first success; after that every failure makes the task unhealthy, and the
/// <c>maxConsecutiveFailures</c>-th failure in a row (0 = never) asks for a kill.
/// </summary>
internal sealed class HealthCheckState(HealthCheckSpec spec, DateTimeOffset taskStarted)
{
    private bool _everHealthy;

    public bool? Healthy { get; private set; }

    public int ConsecutiveFailures { get; private set; }

    public HealthTransition Observe(HealthProbeResult result, DateTimeOffset now)
    {
        var before = Healthy;
        if (result.Healthy is null)
        {
            return new HealthTransition(Healthy, false, false, null);
        }

        if (result.Healthy.Value)
        {
            _everHealthy = true;
            ConsecutiveFailures = 0;
            Healthy = true;
            return new HealthTransition(true, before != true, false, null);
        }

        if (!_everHealthy && now - taskStarted < TimeSpan.FromSeconds(spec.GracePeriodSeconds))
        {
            return new HealthTransition(Healthy, false, false, result.Reason);
        }

        ConsecutiveFailures++;
        Healthy = false;
        var exceeded = spec.MaxConsecutiveFailures > 0 && ConsecutiveFailures == spec.MaxConsecutiveFailures;
        return new HealthTransition(false, before != false, exceeded, result.Reason);
    }
}
