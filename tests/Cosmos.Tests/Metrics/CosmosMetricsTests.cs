using System.Net;
using System.Text.Json.Nodes;
using Universe.Cosmos.Tests.Http;
using Universe.Cosmos.Tests.Services;
using Universe.Tests.Metrics;

namespace Universe.Cosmos.Tests.Metrics;

public sealed class CosmosMetricsTests
{
    [Fact]
    public async Task Metrics_AfterInstallAndUninstall_CountersMoveInBothFormats()
    {
        await using var host = new ServicesHost();
        var before = await MarathonMetricsShape.GetAsync(host.Client, "/metrics");

        var (installed, _) = await host.InstallAsync(new { packageName = "web-server" });
        // The install answers once the app is created; the Runtime launches its task in its next reconcile cycle,
        // which must come before the uninstall below removes the app.
        for (var waited = 0; (await MarathonMetricsShape.GetAsync(host.Client, "/metrics"))["counters"]?["marathon.tasks.launched.counter"] is null && waited < 300; waited++)
        {
            await Task.Delay(100);
        }

        var (unknown, _) = await host.InstallAsync(new { packageName = "no-such-package" });
        var (uninstalled, _) = await host.UninstallAsync(new { packageName = "web-server" });
        var (updated, _) = await host.UpdateServiceAsync(new { appId = "/not-installed" });
        var after = await MarathonMetricsShape.GetAsync(host.Client, "/metrics");
        var text = await TextAsync(host.Client, "/metrics/prometheus");

        Assert.Equal(HttpStatusCode.OK, installed);
        Assert.Equal(HttpStatusCode.BadRequest, unknown);
        Assert.Equal(HttpStatusCode.OK, uninstalled);
        Assert.True((int)updated >= 400, $"update of a missing service answered {updated}");
        MarathonMetricsShape.AssertShape(after);
        Assert.Null(before["counters"]!["cosmos.packages.installs.counter"]);
        Assert.Equal(2, MarathonMetricsShape.Count(after, "counters", "cosmos.packages.installs.counter"));
        Assert.Equal(1, MarathonMetricsShape.Count(after, "counters", "cosmos.packages.installs.failed.counter"));
        Assert.Equal(1, MarathonMetricsShape.Count(after, "counters", "cosmos.packages.uninstalls.counter"));
        Assert.Null(after["counters"]!["cosmos.packages.uninstalls.failed.counter"]);
        Assert.Equal(1, MarathonMetricsShape.Count(after, "counters", "cosmos.services.updates.counter"));
        Assert.Equal(1, MarathonMetricsShape.Count(after, "counters", "cosmos.services.updates.failed.counter"));
        Assert.True(MarathonMetricsShape.Count(after, "counters", "cosmos.repositories.refreshes.counter") >= 1);
        Assert.True(MarathonMetricsShape.Count(after, "timers", "cosmos.repositories.refresh.duration.timer.seconds") >= 1);
        Assert.True(MarathonMetricsShape.Count(after, "timers", "cosmos.http.requests.post.duration.timer.seconds") >= 4);
        Assert.True(MarathonMetricsShape.Count(after, "meters", "cosmos.http.responses.4xx.rate.meter") >= 2);
        Assert.True(MarathonMetricsShape.Count(after, "counters", "marathon.tasks.launched.counter") >= 1);
        Assert.Equal(2, PrometheusText.Sum(text, "cosmos_packages_installs_total"));
        Assert.Equal(1, PrometheusText.Sum(text, "cosmos_packages_installs_failed_total"));
        Assert.Equal(1, PrometheusText.Sum(text, "cosmos_packages_uninstalls_total"));
        Assert.Equal(1, PrometheusText.Sum(text, "cosmos_services_updates_failed_total"));
        Assert.InRange(PrometheusText.Sum(text, "cosmos_repositories_refreshes_total"), MarathonMetricsShape.Count(after, "counters", "cosmos.repositories.refreshes.counter"), double.MaxValue);
        Assert.True(PrometheusText.Sum(text, "http_server_request_duration_seconds_count", ("http_route", "/package/install")) >= 2);
    }

    [Fact]
    public async Task Metrics_TwoHostsInOneProcess_EachCountsOnlyItsOwn()
    {
        await using var first = new ServicesHost();
        await using var second = new ServicesHost();

        await first.InstallAsync(new { packageName = "web-server" });
        var json = await MarathonMetricsShape.GetAsync(second.Client, "/metrics");
        var text = await TextAsync(second.Client, "/metrics/prometheus");

        Assert.Null(json["counters"]!["cosmos.packages.installs.counter"]);
        Assert.Equal(0, PrometheusText.Sum(text, "cosmos_packages_installs_total"));
        Assert.Equal(0, PrometheusText.Sum(text, "marathon_tasks_launched_total"));
        Assert.Equal(0, PrometheusText.Sum(text, "http_server_request_duration_seconds_count", ("http_route", "/package/install")));
    }

    [Fact]
    public async Task MarathonMetrics_HostedRuntime_ShowsRuntimeMetersAndMarathonRequestsOnly()
    {
        await using var host = new ServicesHost();
        await host.InstallAsync(new { packageName = "web-server" });

        var metrics = await MarathonMetricsShape.GetAsync(host.Client, "/marathon/metrics");
        var text = await TextAsync(host.Client, "/marathon/metrics/prometheus");

        MarathonMetricsShape.AssertShape(metrics);
        Assert.Equal(1, MarathonMetricsShape.Value(metrics, "marathon.apps.active.gauge"));
        Assert.True(MarathonMetricsShape.Count(metrics, "counters", "marathon.deployments.counter") >= 1);
        Assert.True(MarathonMetricsShape.Count(metrics, "timers", "marathon.http.requests.post.duration.timer.seconds") >= 1);
        Assert.DoesNotContain(Names(metrics), n => n.StartsWith("cosmos.", StringComparison.Ordinal));
        Assert.True(PrometheusText.Sum(text, "marathon_apps_active") == 1);
    }

    [Theory]
    [InlineData("/metrics")]
    [InlineData("/metrics/prometheus")]
    [InlineData("/marathon/metrics")]
    [InlineData("/marathon/metrics/prometheus")]
    public async Task Metrics_TokenConfiguredNoToken_Returns401WithErrorBody(string path)
    {
        await using var host = new ServicesHost(settings: new Dictionary<string, string?> { ["Cosmos:Auth:Token"] = "s3cret" });

        using var anonymous = await host.Client.GetAsync(path);
        var body = await anonymous.Content.ReadAsStringAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", "token=s3cret");
        using var authorized = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Null(EndpointFuzzTests.ErrorModelProblem(path, 401, body));
        Assert.DoesNotContain("s3cret", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, authorized.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/metrics")]
    [InlineData("DELETE", "/metrics/prometheus")]
    [InlineData("PUT", "/marathon/metrics")]
    [InlineData("POST", "/marathon/metrics/prometheus")]
    public async Task Metrics_WrongMethod_Returns405WithErrorBody(string method, string path)
    {
        await using var host = new ServicesHost();

        using var response = await host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}") });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Null(EndpointFuzzTests.ErrorModelProblem(path, 405, body));
    }

    private static async Task<string> TextAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.NotEmpty(PrometheusText.Parse(text));
        return text;
    }

    private static IEnumerable<string> Names(JsonObject metrics) =>
        MarathonMetricsShape.Sections.Skip(1).SelectMany(section => metrics[section]!.AsObject().Select(p => p.Key));
}
