using System.Text.Json.Nodes;

namespace Universe.Tests.Metrics;

/// <summary>Marathon's <c>GET /metrics</c> shape (RAML <c>DropwizardMetrics</c>): exactly its sections, each entry exactly its fields.</summary>
public static class MarathonMetricsShape
{
    public static readonly string[] Sections = ["version", "gauges", "counters", "histograms", "meters", "timers"];

    private static readonly string[] Distribution = ["count", "max", "mean", "min", "p50", "p75", "p95", "p98", "p99", "p999", "stddev"];
    private static readonly string[] Rates = ["count", "m15_rate", "m1_rate", "m5_rate", "mean_rate"];

    public static void AssertShape(JsonObject metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        Assert.Equal(Sections.Order(StringComparer.Ordinal), metrics.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("4.0.0", metrics["version"]!.GetValue<string>());
        AssertEntries(metrics, "gauges", ["value"]);
        AssertEntries(metrics, "counters", ["count"]);
        AssertEntries(metrics, "histograms", Distribution);
        AssertEntries(metrics, "meters", [.. Rates, "units"]);
        AssertEntries(metrics, "timers", [.. Distribution.Union(Rates), "duration_units", "rate_units"]);
    }

    /// <summary>GETs <paramref name="path"/>: 200, <c>application/json</c>, a JSON object.</summary>
    public static async Task<JsonObject> GetAsync(HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public static long Count(JsonObject metrics, string section, string name)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var entry = metrics[section]?[name] ?? throw new Xunit.Sdk.XunitException($"{section} has no {name}; it has: {string.Join(", ", metrics[section]!.AsObject().Select(p => p.Key))}");
        return entry["count"]!.GetValue<long>();
    }

    public static double Value(JsonObject metrics, string name)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var entry = metrics["gauges"]?[name] ?? throw new Xunit.Sdk.XunitException($"gauges has no {name}; it has: {string.Join(", ", metrics["gauges"]!.AsObject().Select(p => p.Key))}");
        return entry["value"]!.GetValue<double>();
    }

    private static void AssertEntries(JsonObject metrics, string section, string[] fields)
    {
        foreach (var (name, entry) in metrics[section]!.AsObject())
        {
            Assert.True(
                fields.Order(StringComparer.Ordinal).SequenceEqual(entry!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal)),
                $"{section}.{name} has fields {string.Join(",", entry!.AsObject().Select(p => p.Key))}, expected {string.Join(",", fields)}");
        }
    }
}
