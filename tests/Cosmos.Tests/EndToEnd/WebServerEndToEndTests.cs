using System.Net;
using System.Text.Json.Nodes;
using Universe.Cosmos.Tests.Services;

namespace Universe.Cosmos.Tests.EndToEnd;

/// <summary>
/// The whole product on one machine: Cosmos installs the bundled web-server package on the bundled Runtime, whose
/// local agent runs it as a real python3 process; the test talks to that process over loopback HTTP.
/// </summary>
public sealed class WebServerEndToEndTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task WebServer_InstallUpdateUninstall_ProcessFollowsEveryStep()
    {
        await using var host = new ServicesHost(realProcesses: true);
        using var web = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };

        var (installStatus, installed) = await host.InstallAsync(new { packageName = "web-server", options = new { web = new { greeting = "hello from e2e" } } });
        Assert.Equal(HttpStatusCode.OK, installStatus);
        Assert.Equal("/web-server", installed!["appId"]!.GetValue<string>());
        var firstPort = await WebTasks.ServedPortAsync(host, web, "hello from e2e", "first task answers with the installed greeting");
        var firstPids = WebTasks.ListeningPids(firstPort);

        var (_, list) = await host.ListAsync(new { });
        var entry = Assert.Single(list!["packages"]!.AsArray())!;
        Assert.Equal("/web-server", entry["appId"]!.GetValue<string>());
        Assert.Equal("hello from e2e", entry["userProvidedOptions"]!["web"]!["greeting"]!.GetValue<string>());

        var (updateStatus, _) = await host.UpdateServiceAsync(new { appId = "/web-server", replace = false, options = new { web = new { greeting = "updated greeting" } } });
        Assert.Equal(HttpStatusCode.OK, updateStatus);
        var secondPort = await WebTasks.ServedPortAsync(host, web, "updated greeting", "restarted task answers with the updated greeting");
        await Poll.UntilAsync("the old process is gone after the update", Deadline, () =>
            Task.FromResult(firstPids.All(p => !WebTasks.Alive(p)) ? "gone" : null));
        var secondPids = WebTasks.ListeningPids(secondPort);
        Assert.NotEmpty(secondPids);

        var (uninstallStatus, _) = await host.UninstallAsync(new { packageName = "web-server" });
        Assert.Equal(HttpStatusCode.OK, uninstallStatus);
        await Poll.UntilAsync("the web server process is gone after uninstall", Deadline, () =>
            Task.FromResult(secondPids.All(p => !WebTasks.Alive(p)) ? "gone" : null));
        var (_, after) = await host.ListAsync(new { });
        Assert.Empty(after!["packages"]!.AsArray());
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => web.GetStringAsync(new Uri($"http://127.0.0.1:{secondPort}/")));
    }
}
