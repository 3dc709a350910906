using System.Diagnostics.Metrics;

namespace Universe.Metrics;

/// <summary>
/// What one instrument recorded for one label set: a counter's total, a gauge's value (an up-down counter's sum or an
/// observable's last reading), or a histogram's count, its most recent <see cref="ReservoirSize"/> values and its rate.
/// </summary>
internal sealed class DropwizardSeries(Instrument instrument, DropwizardKind kind, IReadOnlyList<KeyValuePair<string, string>> labels, long tick, TimeSpan created)
{
    /// <summary>Samples kept per series for percentiles (Dropwizard's default reservoir size).</summary>
    public const int ReservoirSize = 1028;

    private readonly Lock _sync = new();
    private readonly RateMeter _meter = new(tick, created);
    private double[]? _samples;
    private int _next;
    private double _value;

    public Instrument Instrument { get; } = instrument;

    public DropwizardKind Kind { get; } = kind;

    /// <summary>The label values this series stands for, ordered by label name.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; } = labels;

    public void Add(double value)
    {
        lock (_sync)
        {
            _value += value;
        }
    }

    public void Set(double value)
    {
        lock (_sync)
        {
            _value = value;
        }
    }

    /// <summary>Records one histogram value (already in the series' unit: seconds for timers).</summary>
    public void Record(double value, long tick)
    {
        lock (_sync)
        {
            _samples ??= new double[ReservoirSize];
            _samples[_next % ReservoirSize] = value;
            _next++;
            _meter.Mark(tick, 1);
        }
    }

    public double Value
    {
        get
        {
            lock (_sync)
            {
                return _value;
            }
        }
    }

    /// <summary>The count, the kept samples, the rates at <paramref name="tick"/> and when the series started.</summary>
    public SeriesReading Read(long tick)
    {
        lock (_sync)
        {
            var kept = Math.Min(_next, ReservoirSize);
            var samples = kept == 0 ? [] : _samples.AsSpan(0, kept).ToArray();
            var (m1, m5, m15) = _meter.Rates(tick);
            return new SeriesReading(_meter.Count, samples, m1, m5, m15, _meter.Created);
        }
    }
}

/// <summary>A histogram series read at one instant.</summary>
internal sealed record SeriesReading(long Count, double[] Samples, double M1, double M5, double M15, TimeSpan Created);
