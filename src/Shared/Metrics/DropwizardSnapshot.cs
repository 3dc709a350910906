namespace Universe.Metrics;

/// <summary>The five Dropwizard sections of one <c>/metrics</c> answer, each sorted by name.</summary>
internal sealed record DropwizardSnapshot(
    SortedDictionary<string, double> Gauges,
    SortedDictionary<string, long> Counters,
    SortedDictionary<string, DropwizardDistribution> Histograms,
    SortedDictionary<string, DropwizardRates> Meters,
    SortedDictionary<string, DropwizardDistribution> Timers);

/// <summary>A meter: its count and rates (events per second).</summary>
internal sealed record DropwizardRates(long Count, double M1, double M5, double M15, double Mean);

/// <summary>A histogram or timer: count, statistics of the kept samples, and (timers) the rates.</summary>
internal sealed record DropwizardDistribution(
    long Count, double Min, double Max, double Mean, double StdDev,
    double P50, double P75, double P95, double P98, double P99, double P999, DropwizardRates Rates);
