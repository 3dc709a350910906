using Universe.Runtime.Tasks;

namespace Universe.Runtime.Tests.Tasks;

public sealed class HealthCheckStateTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static HealthCheckState State(int grace = 10, int max = 3) =>
        new(new HealthCheckSpec("HTTP", "/", 0, null, null, GracePeriodSeconds: grace, MaxConsecutiveFailures: max), Start);

    [Fact]
    public void Observe_FailureInsideGrace_Ignored()
    {
        var state = State();

        var transition = state.Observe(HealthProbeResult.Fail("refused"), Start.AddSeconds(5));

        Assert.Null(transition.Healthy);
        Assert.False(transition.Changed);
        Assert.Equal(0, state.ConsecutiveFailures);
    }

    [Fact]
    public void Observe_FailureAfterGrace_UnhealthyAndCounted()
    {
        var state = State();

        var transition = state.Observe(HealthProbeResult.Fail("refused"), Start.AddSeconds(11));

        Assert.Equal(new HealthTransition(false, true, false, "refused"), transition);
        Assert.Equal(1, state.ConsecutiveFailures);
    }

    [Fact]
    public void Observe_FailureInsideGraceAfterSuccess_Counts()
    {
        var state = State();
        state.Observe(HealthProbeResult.Ok, Start.AddSeconds(1));

        var transition = state.Observe(HealthProbeResult.Fail("500"), Start.AddSeconds(2));

        Assert.Equal(new HealthTransition(false, true, false, "500"), transition);
    }

    [Fact]
    public void Observe_MaxConsecutiveFailures_ExceededOnceThenNotAgain()
    {
        var state = State(grace: 0, max: 2);
        state.Observe(HealthProbeResult.Fail("a"), Start);

        var second = state.Observe(HealthProbeResult.Fail("b"), Start);
        var third = state.Observe(HealthProbeResult.Fail("c"), Start);

        Assert.True(second.Exceeded);
        Assert.False(third.Exceeded);
        Assert.Equal(3, state.ConsecutiveFailures);
    }

    [Fact]
    public void Observe_SuccessAfterFailures_ResetsCount()
    {
        var state = State(grace: 0);
        state.Observe(HealthProbeResult.Fail("a"), Start);

        var transition = state.Observe(HealthProbeResult.Ok, Start);

        Assert.Equal(new HealthTransition(true, true, false, null), transition);
        Assert.Equal(0, state.ConsecutiveFailures);
    }

    [Fact]
    public void Observe_MaxZero_NeverExceeded()
    {
        var state = State(grace: 0, max: 0);

        var transitions = Enumerable.Range(0, 5).Select(_ => state.Observe(HealthProbeResult.Fail("x"), Start)).ToList();

        Assert.DoesNotContain(transitions, t => t.Exceeded);
    }

    [Fact]
    public void Observe_IgnoredResult_ChangesNothing()
    {
        var state = State(grace: 0);
        state.Observe(HealthProbeResult.Ok, Start);

        var transition = state.Observe(new HealthProbeResult(null, null), Start);

        Assert.Equal(new HealthTransition(true, false, false, null), transition);
    }
}
