namespace Universe.Cli.Tests.TestSupport;

/// <summary>
/// A clock for polling loops: every read of the time moves it forward by <see cref="Step"/>, and every timer
/// fires at once. A loop that polls with <c>Task.Delay(interval, time)</c> then runs without real waiting while
/// its deadline arithmetic still sees time pass.
/// </summary>
internal sealed class SteppingTimeProvider(DateTimeOffset start, TimeSpan step) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public TimeSpan Step { get; } = step;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Add(ref _ticks, Step.Ticks) - Step.Ticks, TimeSpan.Zero);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new FiredTimer();
    }

    private sealed class FiredTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
