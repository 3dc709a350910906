using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Universe.Runtime.Tests.TestSupport;
using Universe.Tests.Metrics;

namespace Universe.Runtime.Tests.Metrics;

public sealed class MetricsEndpointTests
{
    private const string App = """{"id":"/metered","cmd":"sleep 1000","cpus":0.1,"mem":32,"instances":2}""";

    [Fact]
    public async Task Metrics_AfterAppLaunch_CountersMoveInBothFormats()
    {
        await using var host = await RuntimeTestHost.StartAsync();
        var before = await MarathonMetricsShape.GetAsync(host.Client, "metrics");
        var launchedBefore = PrometheusText.Sum(await host.Client.GetStringAsync("metrics/prometheus"), "marathon_tasks_launched_total");

        using var created = await host.PostJsonAsync("v2/apps", App);
        await host.WaitForRunningAsync("/metered", 2);
        await host.WaitForNoDeploymentsAsync();
        var after = await MarathonMetricsShape.GetAsync(host.Client, "metrics");
        var text = await host.Client.GetStringAsync("metrics/prometheus");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        MarathonMetricsShape.AssertShape(after);
        Assert.Equal(0, CountOrZero(before, "counters", "marathon.tasks.launched.counter"));
        Assert.Equal(2, MarathonMetricsShape.Count(after, "counters", "marathon.tasks.launched.counter"));
        Assert.Equal(2, MarathonMetricsShape.Count(after, "counters", "marathon.mesos.task-updates.task-running.counter"));
        Assert.Equal(1, MarathonMetricsShape.Count(after, "counters", "marathon.deployments.counter"));
        Assert.Equal(1, MarathonMetricsShape.Count(after, "counters", "marathon.deployments.finished.success.counter"));
        Assert.Equal(1, MarathonMetricsShape.Value(after, "marathon.apps.active.gauge"));
        Assert.Equal(2, MarathonMetricsShape.Value(after, "marathon.instances.running.gauge"));
        Assert.Equal(0, MarathonMetricsShape.Value(after, "marathon.deployments.active.gauge"));
        Assert.True(MarathonMetricsShape.Count(after, "timers", "marathon.allocator.allocation-run.timer.seconds") >= 1);
        Assert.True(MarathonMetricsShape.Count(after, "timers", "marathon.http.requests.post.duration.timer.seconds") >= 1);
        Assert.True(MarathonMetricsShape.Count(after, "timers", "marathon.http.requests.duration.timer.seconds") >= 3);
        Assert.True(MarathonMetricsShape.Count(after, "meters", "marathon.http.responses.2xx.rate.meter") >= 3);
        Assert.Equal(0, launchedBefore);
        Assert.Equal(2, PrometheusText.Sum(text, "marathon_tasks_launched_total"));
        Assert.Equal(2, PrometheusText.Sum(text, "marathon_mesos_task_updates_total", ("state", "task-running")));
        Assert.Equal(2, PrometheusText.Sum(text, "marathon_instances_running"));
        Assert.Equal(
            MarathonMetricsShape.Count(after, "timers", "marathon.allocator.allocation-run.timer.seconds"),
            PrometheusText.Sum(text, "marathon_allocator_allocation_run_seconds_count"),
            1.0);
        Assert.True(PrometheusText.Sum(text, "http_server_request_duration_seconds_count", ("http_route", "/v2/apps")) >= 1);
    }

    [Fact]
    public async Task MetricsPrometheus_Always_ParsesAsPrometheusText()
    {
        await using var host = await RuntimeTestHost.StartAsync();
        await host.Client.GetStringAsync("v2/apps");

        using var response = await host.Client.GetAsync("metrics/prometheus");
        var text = await response.Content.ReadAsStringAsync();
        var samples = PrometheusText.Parse(text);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
        Assert.Contains("# HELP marathon_apps_active ", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE marathon_apps_active gauge", text, StringComparison.Ordinal);
        Assert.Contains(samples, s => s.Name == "marathon_uptime_seconds" && s.Value >= 0);
    }

    [Fact]
    public async Task Metrics_UnderPrefix_ShowsRuntimeMetersAndItsRequests()
    {
        await using var host = await RuntimeTestHost.StartAsync(prefix: "/marathon");
        await host.Client.GetStringAsync("v2/apps");

        var metrics = await MarathonMetricsShape.GetAsync(host.Client, "metrics");
        var text = await host.Client.GetStringAsync("metrics/prometheus");

        MarathonMetricsShape.AssertShape(metrics);
        Assert.True(MarathonMetricsShape.Count(metrics, "timers", "marathon.http.requests.get.duration.timer.seconds") >= 1);
        Assert.Equal(0, MarathonMetricsShape.Value(metrics, "marathon.apps.active.gauge"));
        Assert.DoesNotContain(metrics["gauges"]!.AsObject(), g => g.Key.StartsWith("kestrel.", StringComparison.Ordinal));
        Assert.NotEmpty(PrometheusText.Parse(text));
    }

    [Theory]
    [InlineData("metrics")]
    [InlineData("metrics/prometheus")]
    public async Task Metrics_TokenConfiguredNoToken_Returns401(string path)
    {
        await using var host = await RuntimeTestHost.StartAsync(new Dictionary<string, string?> { ["Runtime:Auth:Token"] = "s3cret" });

        using var anonymous = await host.Client.GetAsync(path);
        host.Client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "token=s3cret");
        using var authorized = await host.Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
    }

    [Theory]
    [InlineData("POST", "metrics")]
    [InlineData("DELETE", "metrics")]
    [InlineData("POST", "metrics/prometheus")]
    [InlineData("PUT", "metrics/prometheus")]
    public async Task Metrics_WrongMethod_Returns405WithMarathonMessage(string method, string path)
    {
        await using var host = await RuntimeTestHost.StartAsync();

        using var response = await host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}") });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("Method Not Allowed", body!["message"]!.GetValue<string>());
    }

    private static long CountOrZero(JsonObject metrics, string section, string name) =>
        metrics[section]?[name]?["count"]?.GetValue<long>() ?? 0;
}
