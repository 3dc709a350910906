using System.Net;
using System.Text.Json.Nodes;
using Universe.Cosmos.Tests.Services;

namespace Universe.Cosmos.Tests.EndToEnd;

/// <summary>
/// Service history, diff and rollback with real processes: the bundled web-server on the bundled Runtime, the same on
/// the standalone Runtime used as an external Marathon, and an update that never becomes healthy undone by
/// <c>rollbackOnFailure</c>. Every test uninstalls what it installed and waits for the processes to end.
/// </summary>
public sealed class LifecycleEndToEndTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task BundledRuntime_InstallUpdateUpgradeRollback_HistoryDiffAndProcessAgree()
    {
        await using var host = new ServicesHost(realProcesses: true);

        await HistoryDiffRollbackScenarioAsync(host);
    }

    [Fact]
    public async Task StandaloneRuntimeAsExternalMarathon_InstallUpdateUpgradeRollback_HistoryDiffAndProcessAgree()
    {
        await using var runtime = await StandaloneRuntime.StartAsync();
        await using var host = new ServicesHost(settings: new Dictionary<string, string?> { ["Cosmos:Marathon:Url"] = runtime.Url.ToString() });

        await HistoryDiffRollbackScenarioAsync(host);
    }

    [Fact]
    public async Task UpdateWithRollbackOnFailure_HealthCheckFails_EndsOnOldHealthyRevisionAndNamesTheFailure()
    {
        var universe = FlakyWebUniverse.Create();
        var pids = new List<int>();
        try
        {
            await using var host = new ServicesHost(realProcesses: true, repositoryUri: universe);
            using var web = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            try
            {
                var (installStatus, _) = await host.InstallAsync(new { packageName = "flaky-web", options = new { web = new { greeting = "still healthy" } } });
                Assert.Equal(HttpStatusCode.OK, installStatus);
                pids.AddRange(WebTasks.ListeningPids(await WebTasks.ServedPortAsync(host, web, "still healthy", "the first revision serves", "flaky-web")));
                await HealthyAsync(host, "flaky-web", "the first revision is healthy");

                var (status, error) = await host.UpdateServiceAsync(new
                {
                    appId = "/flaky-web",
                    replace = false,
                    options = new { web = new { greeting = "never healthy", health_path = "/missing" } },
                    rollbackOnFailure = new { timeoutSeconds = 20 },
                });

                Assert.Equal(HttpStatusCode.BadRequest, status);
                Assert.Equal("UpdateRolledBack", error!["type"]!.GetValue<string>());
                var message = error["message"]!.GetValue<string>();
                Assert.True(message.Contains("HTTP health check to /missing returned 404", StringComparison.Ordinal), message);
                Assert.Equal(2, error["data"]!["failedRevision"]!.GetValue<int>());
                Assert.Equal(1, error["data"]!["rolledBackTo"]!.GetValue<int>());
                Assert.Contains(error["data"]!["failures"]!.AsArray(), f => f!["message"]!.GetValue<string>().Contains("404", StringComparison.Ordinal));

                await HealthyAsync(host, "flaky-web", "the rolled-back revision is running and healthy");
                pids.AddRange(WebTasks.ListeningPids(await WebTasks.ServedPortAsync(host, web, "still healthy", "the rolled-back revision serves the old greeting", "flaky-web")));
                var (_, app) = await host.MarathonGetAsync("v2/apps/flaky-web");
                Assert.Equal("/", app!["app"]!["healthChecks"]![0]!["path"]!.GetValue<string>());
                var (_, history) = await host.HistoryAsync(new { appId = "/flaky-web" });
                var revisions = history!["revisions"]!.AsArray();
                Assert.Equal(["rollback", "update", "install"], revisions.Select(r => r!["change"]!.GetValue<string>()));
                Assert.Equal(1, revisions[0]!["rollbackTo"]!.GetValue<int>());
                Assert.Equal("failed", revisions[1]!["deployment"]!["status"]!.GetValue<string>());
                Assert.Contains("404", revisions[1]!["deployment"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
            }
            finally
            {
                await UninstallAsync(host, "flaky-web", pids);
            }
        }
        finally
        {
            Directory.Delete(universe, recursive: true);
        }
    }

    private static async Task HistoryDiffRollbackScenarioAsync(ServicesHost host)
    {
        using var web = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var pids = new List<int>();
        try
        {
            var (installStatus, _) = await host.InstallAsync(new { packageName = "web-server", packageVersion = "1.0.0", options = new { web = new { greeting = "first greeting" } } });
            Assert.Equal(HttpStatusCode.OK, installStatus);
            pids.AddRange(WebTasks.ListeningPids(await WebTasks.ServedPortAsync(host, web, "first greeting", "revision 1 serves the first greeting")));

            var (_, optionsDiff) = await host.DiffAsync(new { appId = "/web-server", options = new { web = new { greeting = "second greeting" } } });
            Assert.Equal(["/web/greeting"], Paths(optionsDiff!["options"]));
            Assert.Equal(["/web/greeting"], Paths(optionsDiff["userOptions"]));
            Assert.Equal(["/env/GREETING", "/labels/DCOS_PACKAGE_OPTIONS"], Paths(optionsDiff["app"]));
            Assert.Equal("""{"from":"1.0.0","to":"1.0.0","allowed":true}""", optionsDiff["packageVersion"]!.ToJsonString());
            var (updateStatus, _) = await host.UpdateServiceAsync(new { appId = "/web-server", replace = false, options = new { web = new { greeting = "second greeting" } } });
            Assert.Equal(HttpStatusCode.OK, updateStatus);
            pids.AddRange(WebTasks.ListeningPids(await WebTasks.ServedPortAsync(host, web, "second greeting", "revision 2 serves the second greeting")));

            var (_, upgradeDiff) = await host.DiffAsync(new { appId = "/web-server", packageVersion = "1.1.0" });
            Assert.Equal(["/web/directory-listing"], Paths(upgradeDiff!["options"]));
            Assert.Empty(Paths(upgradeDiff["userOptions"]));
            Assert.Equal(
                ["/cmd", "/env/LISTING", "/healthChecks", "/labels/DCOS_PACKAGE_DEFINITION", "/labels/DCOS_PACKAGE_VERSION"],
                Paths(upgradeDiff["app"]).Order(StringComparer.Ordinal));
            Assert.Equal("""{"from":"1.0.0","to":"1.1.0","allowed":true}""", upgradeDiff["packageVersion"]!.ToJsonString());
            var (upgradeStatus, _) = await host.UpdateServiceAsync(new { appId = "/web-server", replace = false, packageVersion = "1.1.0" });
            Assert.Equal(HttpStatusCode.OK, upgradeStatus);
            await HealthyAsync(host, "web-server", "revision 3 (1.1.0, with a health check) is healthy");
            pids.AddRange(WebTasks.ListeningPids(await WebTasks.ServedPortAsync(host, web, "second greeting", "revision 3 serves the second greeting")));

            var (_, history) = await host.HistoryAsync(new { appId = "/web-server" });
            var revisions = history!["revisions"]!.AsArray();
            Assert.Equal([3, 2, 1], revisions.Select(r => r!["revision"]!.GetValue<int>()));
            Assert.Equal(["update", "update", "install"], revisions.Select(r => r!["change"]!.GetValue<string>()));
            Assert.Equal(["1.1.0", "1.0.0", "1.0.0"], revisions.Select(r => r!["packageVersion"]!.GetValue<string>()));
            Assert.Equal(["second greeting", "second greeting", "first greeting"], revisions.Select(r => r!["options"]!["web"]!["greeting"]!.GetValue<string>()));

            var (rollbackStatus, rollback) = await host.RollbackAsync(new { appId = "/web-server", revision = 1 });
            Assert.Equal(HttpStatusCode.OK, rollbackStatus);
            Assert.Equal("1.0.0", rollback!["packageVersion"]!.GetValue<string>());
            pids.AddRange(WebTasks.ListeningPids(await WebTasks.ServedPortAsync(host, web, "first greeting", "after the rollback to revision 1 the process serves the first greeting")));
            var (_, app) = await host.MarathonGetAsync("v2/apps/web-server");
            Assert.Equal("1.0.0", app!["app"]!["labels"]!["DCOS_PACKAGE_VERSION"]!.GetValue<string>());
            var (_, after) = await host.HistoryAsync(new { appId = "/web-server" });
            var newest = after!["revisions"]![0]!;
            Assert.Equal(4, newest["revision"]!.GetValue<int>());
            Assert.Equal("rollback", newest["change"]!.GetValue<string>());
            Assert.Equal("1.0.0", newest["packageVersion"]!.GetValue<string>());
            Assert.Equal("first greeting", newest["options"]!["web"]!["greeting"]!.GetValue<string>());
        }
        finally
        {
            await UninstallAsync(host, "web-server", pids);
        }
    }

    private static async Task HealthyAsync(ServicesHost host, string appId, string phase) =>
        await Poll.UntilAsync(phase, Deadline, async () =>
        {
            var (status, body) = await host.MarathonGetAsync("v2/apps/" + appId);
            var app = body?["app"];
            return status == HttpStatusCode.OK
                && app?["deployments"] is JsonArray { Count: 0 }
                && app["tasksHealthy"]?.GetValue<int>() >= 1 && app["tasksUnhealthy"]?.GetValue<int>() == 0
                ? "healthy"
                : null;
        });

    private static async Task UninstallAsync(ServicesHost host, string packageName, List<int> pids)
    {
        await host.UninstallAsync(new { packageName, all = true });
        await Poll.UntilAsync($"every {packageName} process has ended", Deadline, () =>
            Task.FromResult(pids.All(p => !WebTasks.Alive(p)) ? "gone" : null));
    }

    private static List<string> Paths(JsonNode? changes) => [.. changes!.AsArray().Select(c => c!["path"]!.GetValue<string>())];
}
