namespace Universe.Metrics;

/// <summary>The Dropwizard section an instrument's series lands in (meters are derived from HTTP request timers).</summary>
internal enum DropwizardKind
{
    Counter,
    Gauge,
    Histogram,
    Timer,
}
