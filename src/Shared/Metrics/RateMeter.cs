namespace Universe.Metrics;

/// <summary>
/// A Dropwizard-style meter: a count, and exponentially weighted moving averages over 1, 5 and 15 minutes that tick every
/// 5 seconds (alpha = 1 - e^(-5 s / window)), in events per second. Ticks are aligned to the registry's clock (tick index =
/// elapsed / 5 s) and applied lazily when the meter is marked or read. Not thread-safe: the owning series locks.
/// </summary>
internal sealed class RateMeter(long createdTick, TimeSpan created)
{
    public static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(5);

    private const int MaxCatchUpTicks = 2_000;
    private static readonly double[] Alphas = [Alpha(1), Alpha(5), Alpha(15)];
    private readonly double[] _rates = new double[3];
    private long _lastTick = createdTick;
    private long _uncounted;
    private bool _initialized;

    public long Count { get; private set; }

    /// <summary>When the meter was created (elapsed registry time), for the mean rate.</summary>
    public TimeSpan Created { get; } = created;

    public void Mark(long tick, long events)
    {
        Advance(tick);
        _uncounted += events;
        Count += events;
    }

    /// <summary>The 1-, 5- and 15-minute rates (events per second) after applying every tick up to <paramref name="tick"/>.</summary>
    public (double M1, double M5, double M15) Rates(long tick)
    {
        Advance(tick);
        return (_rates[0], _rates[1], _rates[2]);
    }

    private void Advance(long tick)
    {
        var missing = tick - _lastTick;
        if (missing <= 0)
        {
            return;
        }

        _lastTick = tick;
        if (missing > MaxCatchUpTicks)
        {
            Array.Clear(_rates);
            _initialized = true;
            _uncounted = 0;
            return;
        }

        for (var i = 0; i < missing; i++)
        {
            var instant = _uncounted / TickInterval.TotalSeconds;
            _uncounted = 0;
            for (var r = 0; r < _rates.Length; r++)
            {
                _rates[r] = _initialized ? _rates[r] + (Alphas[r] * (instant - _rates[r])) : instant;
            }

            _initialized = true;
        }
    }

    private static double Alpha(int minutes) => 1 - Math.Exp(-TickInterval.TotalSeconds / 60.0 / minutes);
}
