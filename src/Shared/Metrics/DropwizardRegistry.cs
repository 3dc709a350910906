using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Universe.Metrics;

/// <summary>
/// Collects the measurements of this host's instruments (meters created through its <see cref="IMeterFactory"/>, so two
/// hosts in one process never mix) for the Marathon-shaped <c>/metrics</c> JSON: our own meters (<c>Universe.*</c>) with
/// their labels, ASP.NET Core's request duration by route, method and status, and the other ASP.NET Core instruments
/// summed over their labels. OpenTelemetry's Prometheus exporter reads the same instruments independently.
/// </summary>
internal sealed class DropwizardRegistry : IDisposable
{
    public const string HostingMeter = "Microsoft.AspNetCore.Hosting";
    public const string KestrelMeter = "Microsoft.AspNetCore.Server.Kestrel";
    public const string RequestDuration = "http.server.request.duration";
    public const string ActiveRequests = "http.server.active_requests";
    public const string RouteLabel = "http.route";
    public const string MethodLabel = "http.request.method";
    public const string StatusLabel = "http.response.status_code";

    private static readonly string[] RequestLabels = [RouteLabel, MethodLabel, StatusLabel];
    private readonly IMeterFactory _meterFactory;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<(Instrument Instrument, string Key), DropwizardSeries> _series = new();

    public DropwizardRegistry(IMeterFactory meterFactory, TimeProvider time)
    {
        _meterFactory = meterFactory;
        _time = time;
        _started = time.GetTimestamp();
        _listener.InstrumentPublished = OnPublished;
        _listener.SetMeasurementEventCallback<long>((i, v, t, s) => OnMeasurement(i, v, t));
        _listener.SetMeasurementEventCallback<int>((i, v, t, s) => OnMeasurement(i, v, t));
        _listener.SetMeasurementEventCallback<double>((i, v, t, s) => OnMeasurement(i, v, t));
        _listener.SetMeasurementEventCallback<float>((i, v, t, s) => OnMeasurement(i, v, t));
        _listener.SetMeasurementEventCallback<short>((i, v, t, s) => OnMeasurement(i, v, t));
        _listener.SetMeasurementEventCallback<byte>((i, v, t, s) => OnMeasurement(i, v, t));
        _listener.SetMeasurementEventCallback<decimal>((i, v, t, s) => OnMeasurement(i, (double)v, t));
        _listener.Start();
    }

    /// <summary>Whether the meter is one of ours (its labels become part of the Dropwizard name).</summary>
    public static bool IsOwn(Meter meter) => meter.Name.StartsWith("Universe.", StringComparison.Ordinal);

    /// <summary>Elapsed time since the registry started (the clock of rates).</summary>
    public TimeSpan Elapsed => _time.GetElapsedTime(_started);

    /// <summary>The current 5-second tick.</summary>
    public long CurrentTick => Elapsed.Ticks / RateMeter.TickInterval.Ticks;

    /// <summary>Reads the observable instruments, then returns every series.</summary>
    public IReadOnlyList<DropwizardSeries> Collect()
    {
        _listener.RecordObservableInstruments();
        return [.. _series.Values];
    }

    public void Dispose() => _listener.Dispose();

    private void OnPublished(Instrument instrument, MeterListener listener)
    {
        var meter = instrument.Meter;
        if (!ReferenceEquals(meter.Scope, _meterFactory))
        {
            return;
        }

        if (IsOwn(meter) || meter.Name is HostingMeter or KestrelMeter)
        {
            listener.EnableMeasurementEvents(instrument);
        }
    }

    private void OnMeasurement(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var kind = KindOf(instrument);
        var labels = LabelsOf(instrument, tags);
        var key = labels.Count == 0 ? string.Empty : string.Join('\n', labels.Select(l => l.Key + "=" + l.Value));
        var tick = CurrentTick;
        var series = _series.GetOrAdd((instrument, key), static (k, state) =>
            new DropwizardSeries(k.Instrument, state.Kind, state.Labels, state.Tick, state.Elapsed), (Kind: kind, Labels: labels, Tick: tick, Elapsed: Elapsed));
        if (kind is DropwizardKind.Timer or DropwizardKind.Histogram)
        {
            series.Record(kind == DropwizardKind.Timer && instrument.Unit == "ms" ? value / 1000 : value, tick);
        }
        else if (instrument.IsObservable)
        {
            series.Set(value);
        }
        else
        {
            series.Add(value);
        }
    }

    private static DropwizardKind KindOf(Instrument instrument)
    {
        var type = instrument.GetType();
        var definition = type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>))
        {
            return DropwizardKind.Counter;
        }

        if (definition == typeof(Histogram<>))
        {
            return instrument.Unit is "s" or "ms" ? DropwizardKind.Timer : DropwizardKind.Histogram;
        }

        return DropwizardKind.Gauge;
    }

    /// <summary>
    /// Our own instruments keep every label; the request duration keeps route, method and status; other instruments
    /// are summed over their labels, except observable ones, whose readings are kept apart so they can be added up.
    /// </summary>
    private static List<KeyValuePair<string, string>> LabelsOf(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = new List<KeyValuePair<string, string>>();
        var all = IsOwn(instrument.Meter) || instrument.IsObservable;
        var request = instrument.Name == RequestDuration && instrument.Meter.Name == HostingMeter;
        if (!all && !request)
        {
            return labels;
        }

        foreach (var tag in tags)
        {
            if (all || RequestLabels.Contains(tag.Key))
            {
                labels.Add(new(tag.Key, Convert.ToString(tag.Value, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty));
            }
        }

        labels.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        return labels;
    }
}
