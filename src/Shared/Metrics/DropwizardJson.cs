using System.Text;
using System.Text.Json;

namespace Universe.Metrics;

/// <summary>
/// Marathon's <c>GET /metrics</c> body (Dropwizard metrics-json 4, Marathon's RAML <c>DropwizardMetrics</c>):
/// <c>{"version":"4.0.0","gauges":{…},"counters":{…},"histograms":{…},"meters":{…},"timers":{…}}</c>, names in
/// Marathon's style (<c>marathon.tasks.launched.counter</c>, <c>marathon.http.requests.duration.timer.seconds</c>),
/// sorted. Times are in seconds, rates per second.
/// </summary>
internal static class DropwizardJson
{
    public const string Version = "4.0.0";

    public static byte[] Write(DropwizardSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("version", Version);
            json.WriteStartObject("gauges");
            foreach (var (name, value) in snapshot.Gauges)
            {
                json.WriteStartObject(name);
                json.WriteNumber("value", value);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteStartObject("counters");
            foreach (var (name, count) in snapshot.Counters)
            {
                json.WriteStartObject(name);
                json.WriteNumber("count", count);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteStartObject("histograms");
            foreach (var (name, histogram) in snapshot.Histograms)
            {
                json.WriteStartObject(name);
                WriteDistribution(json, histogram);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteStartObject("meters");
            foreach (var (name, meter) in snapshot.Meters)
            {
                json.WriteStartObject(name);
                json.WriteNumber("count", meter.Count);
                WriteRates(json, meter);
                json.WriteString("units", "events/second");
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteStartObject("timers");
            foreach (var (name, timer) in snapshot.Timers)
            {
                json.WriteStartObject(name);
                WriteDistribution(json, timer);
                WriteRates(json, timer.Rates);
                json.WriteString("duration_units", "seconds");
                json.WriteString("rate_units", "calls/second");
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteDistribution(Utf8JsonWriter json, DropwizardDistribution d)
    {
        json.WriteNumber("count", d.Count);
        json.WriteNumber("max", d.Max);
        json.WriteNumber("mean", d.Mean);
        json.WriteNumber("min", d.Min);
        json.WriteNumber("p50", d.P50);
        json.WriteNumber("p75", d.P75);
        json.WriteNumber("p95", d.P95);
        json.WriteNumber("p98", d.P98);
        json.WriteNumber("p99", d.P99);
        json.WriteNumber("p999", d.P999);
        json.WriteNumber("stddev", d.StdDev);
    }

    private static void WriteRates(Utf8JsonWriter json, DropwizardRates r)
    {
        json.WriteNumber("m15_rate", r.M15);
        json.WriteNumber("m1_rate", r.M1);
        json.WriteNumber("m5_rate", r.M5);
        json.WriteNumber("mean_rate", r.Mean);
    }

    /// <summary>For tests and logs.</summary>
    public static string WriteString(DropwizardSnapshot snapshot) => Encoding.UTF8.GetString(Write(snapshot));
}
