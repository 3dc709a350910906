namespace Universe.Metrics;

/// <summary>
/// Turns the registry's series into one view's Dropwizard sections. Series that map to the same name are merged: counts
/// and values add up, samples are pooled, rates add up (they tick on one clock). ASP.NET Core's request duration becomes
/// Marathon's HTTP metrics: <c>{p}.http.requests.duration.timer.seconds</c>, one timer per method, and one
/// <c>{p}.http.responses.{N}xx.rate.meter</c> per status class; the active requests become <c>{p}.http.requests.active.gauge</c>.
/// </summary>
internal static class DropwizardSnapshotBuilder
{
    public static DropwizardSnapshot Build(DropwizardRegistry registry, MetricsView view)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(view);
        var series = registry.Collect();
        var tick = registry.CurrentTick;
        var elapsed = registry.Elapsed;
        var gauges = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var counters = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var distributions = new Dictionary<string, (DropwizardKind Kind, List<SeriesReading> Readings)>(StringComparer.Ordinal);
        var meters = new Dictionary<string, List<SeriesReading>>(StringComparer.Ordinal);

        foreach (var s in series)
        {
            var meter = s.Instrument.Meter;
            if (!view.Includes(meter))
            {
                continue;
            }

            if (meter.Name == DropwizardRegistry.HostingMeter && s.Instrument.Name == DropwizardRegistry.RequestDuration)
            {
                AddRequest(s, view, tick, distributions, meters);
                continue;
            }

            if (meter.Name == DropwizardRegistry.HostingMeter && s.Instrument.Name == DropwizardRegistry.ActiveRequests)
            {
                if (view.RoutePrefix is null)
                {
                    Add(gauges, view.HttpPrefix + ".http.requests.active.gauge", s.Value);
                }

                continue;
            }

            var name = NameOf(s);
            switch (s.Kind)
            {
                case DropwizardKind.Counter:
                    counters[name] = counters.GetValueOrDefault(name) + (long)Math.Round(s.Value);
                    break;
                case DropwizardKind.Gauge:
                    Add(gauges, name, s.Value);
                    break;
                default:
                    Reading(distributions, name, s.Kind).Add(s.Read(tick));
                    break;
            }
        }

        var histograms = new SortedDictionary<string, DropwizardDistribution>(StringComparer.Ordinal);
        var timers = new SortedDictionary<string, DropwizardDistribution>(StringComparer.Ordinal);
        foreach (var (name, (kind, readings)) in distributions)
        {
            (kind == DropwizardKind.Timer ? timers : histograms)[name] = Distribution(readings, elapsed);
        }

        var rates = new SortedDictionary<string, DropwizardRates>(StringComparer.Ordinal);
        foreach (var (name, readings) in meters)
        {
            rates[name] = Rates(readings, elapsed);
        }

        return new DropwizardSnapshot(gauges, counters, histograms, rates, timers);
    }

    /// <summary>
    /// Marathon's naming: the instrument name, our own labels' values (<c>marathon.mesos.task-updates.task-running</c>),
    /// the type, then the unit (<c>.seconds</c> for timers, <c>.bytes</c>).
    /// </summary>
    public static string NameOf(DropwizardSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var name = series.Instrument.Name;
        if (DropwizardRegistry.IsOwn(series.Instrument.Meter) && series.Labels.Count > 0)
        {
            name += "." + string.Join('.', series.Labels.Select(l => l.Value));
        }

        name += series.Kind switch
        {
            DropwizardKind.Counter => ".counter",
            DropwizardKind.Gauge => ".gauge",
            DropwizardKind.Histogram => ".histogram",
            _ => ".timer",
        };
        return series.Kind == DropwizardKind.Timer
            ? name + ".seconds"
            : series.Instrument.Unit switch
            {
                "By" => name + ".bytes",
                "s" => name + ".seconds",
                _ => name,
            };
    }

    /// <summary>Dropwizard's quantile over sorted samples: position q·(n+1), interpolated between neighbours.</summary>
    public static double Quantile(double[] sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Length == 0)
        {
            return 0;
        }

        var position = q * (sorted.Length + 1);
        if (position < 1)
        {
            return sorted[0];
        }

        if (position >= sorted.Length)
        {
            return sorted[^1];
        }

        var index = (int)position;
        var lower = sorted[index - 1];
        var upper = sorted[index];
        return lower + ((position - Math.Floor(position)) * (upper - lower));
    }

    private static void AddRequest(
        DropwizardSeries s,
        MetricsView view,
        long tick,
        Dictionary<string, (DropwizardKind Kind, List<SeriesReading> Readings)> distributions,
        Dictionary<string, List<SeriesReading>> meters)
    {
        var route = Label(s, DropwizardRegistry.RouteLabel);
        if (!view.IncludesRoute(route))
        {
            return;
        }

        var reading = s.Read(tick);
        var prefix = view.HttpPrefix + ".http.";
        Reading(distributions, prefix + "requests.duration.timer.seconds", DropwizardKind.Timer).Add(reading);
        var method = Label(s, DropwizardRegistry.MethodLabel).ToLowerInvariant();
        if (method.Length > 0)
        {
            Reading(distributions, prefix + "requests." + method + ".duration.timer.seconds", DropwizardKind.Timer).Add(reading);
        }

        if (int.TryParse(Label(s, DropwizardRegistry.StatusLabel), System.Globalization.CultureInfo.InvariantCulture, out var status) && status is >= 100 and < 600)
        {
            var name = prefix + "responses." + (status / 100) + "xx.rate.meter";
            if (!meters.TryGetValue(name, out var list))
            {
                meters[name] = list = [];
            }

            list.Add(reading);
        }
    }

    private static string Label(DropwizardSeries s, string key)
    {
        foreach (var label in s.Labels)
        {
            if (label.Key == key)
            {
                return label.Value;
            }
        }

        return string.Empty;
    }

    private static void Add(SortedDictionary<string, double> gauges, string name, double value) =>
        gauges[name] = gauges.GetValueOrDefault(name) + value;

    private static List<SeriesReading> Reading(Dictionary<string, (DropwizardKind Kind, List<SeriesReading> Readings)> distributions, string name, DropwizardKind kind)
    {
        if (!distributions.TryGetValue(name, out var entry))
        {
            distributions[name] = entry = (kind, []);
        }

        return entry.Readings;
    }

    private static DropwizardRates Rates(List<SeriesReading> readings, TimeSpan elapsed)
    {
        var count = readings.Sum(r => r.Count);
        var since = elapsed - readings.Min(r => r.Created);
        var mean = count == 0 || since <= TimeSpan.Zero ? 0 : count / since.TotalSeconds;
        return new DropwizardRates(count, readings.Sum(r => r.M1), readings.Sum(r => r.M5), readings.Sum(r => r.M15), mean);
    }

    private static DropwizardDistribution Distribution(List<SeriesReading> readings, TimeSpan elapsed)
    {
        var samples = readings.SelectMany(r => r.Samples).Order().ToArray();
        var mean = samples.Length == 0 ? 0 : samples.Average();
        var variance = samples.Length <= 1 ? 0 : samples.Sum(v => (v - mean) * (v - mean)) / (samples.Length - 1);
        return new DropwizardDistribution(
            readings.Sum(r => r.Count),
            samples.Length == 0 ? 0 : samples[0],
            samples.Length == 0 ? 0 : samples[^1],
            mean,
            Math.Sqrt(variance),
            Quantile(samples, 0.5),
            Quantile(samples, 0.75),
            Quantile(samples, 0.95),
            Quantile(samples, 0.98),
            Quantile(samples, 0.99),
            Quantile(samples, 0.999),
            Rates(readings, elapsed));
    }
}
