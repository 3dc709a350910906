using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Universe.Runtime.Tests.TestSupport;

namespace Universe.Runtime.Tests.Http;

/// <summary>Marathon's service ports: <c>port: 0</c> / <c>servicePort: 0</c> get a port of <c>Runtime:ServicePorts</c>, unique and stable.</summary>
public sealed class ServicePortsApiTests
{
    [Fact]
    public async Task PortZero_AssignedFromTheRangeUniquePerAppPort_ShownOnAppAndTasks()
    {
        await using var host = await RuntimeTestHost.StartAsync();

        (await host.PostJsonAsync("v2/apps", """{"id":"one","cmd":"sleep 100","cpus":0.1,"mem":16}""")).Dispose();
        (await host.PostJsonAsync("v2/apps", """{"id":"legacy","cmd":"sleep 100","cpus":0.1,"mem":16,"ports":[0,10001]}""")).Dispose();
        (await host.PostJsonAsync("v2/apps", """{"id":"two","cmd":"sleep 100","cpus":0.1,"mem":16,"portDefinitions":[{"port":0,"name":"http"},{"port":8080},{"port":0}]}""")).Dispose();
        (await host.PostJsonAsync("v2/apps", """{"id":"none","cmd":"sleep 100","cpus":0.1,"mem":16,"portDefinitions":[]}""")).Dispose();
        await host.WaitForRunningAsync("two", 1);
        var one = await host.GetAppAsync("one");
        var two = await host.GetAppAsync("two");
        var legacy = await host.GetAppAsync("legacy");
        var task = (await host.GetJsonAsync("v2/apps/two/tasks"))["tasks"]![0]!;
        var embedded = (await host.GetJsonAsync("v2/apps/two?embed=app.tasks"))["app"]!["tasks"]![0]!;
        var noneTask = (await host.GetJsonAsync("v2/apps/none/tasks"))["tasks"]!.AsArray();

        Assert.Equal([10000], Ports(one));
        // /legacy names 10001 itself (kept as given), so its 0 and /two's skip it.
        Assert.Equal([10002, 10001], Ports(legacy));
        Assert.Equal([10003, 8080, 10004], Ports(two));
        Assert.Equal("http", (string?)two["portDefinitions"]![0]!["name"]);
        Assert.False(two.ContainsKey("ports"));
        Assert.Equal([10003, 8080, 10004], task["servicePorts"]!.AsArray().Select(p => (int)p!));
        Assert.Equal([10003, 8080, 10004], embedded["servicePorts"]!.AsArray().Select(p => (int)p!));
        Assert.Equal(3, task["ports"]!.AsArray().Count);
        Assert.All(noneTask, t => Assert.Empty(t!["servicePorts"]!.AsArray()));
    }

    [Fact]
    public async Task ServicePorts_StableAcrossUpdatesRestartsAndScaling_FreedWhenTheAppIsDeleted()
    {
        await using var host = await RuntimeTestHost.StartAsync();
        (await host.PostJsonAsync("v2/apps", """{"id":"a","cmd":"sleep 100","cpus":0.1,"mem":16,"portDefinitions":[{"port":0},{"port":0}]}""")).Dispose();
        (await host.PostJsonAsync("v2/apps", """{"id":"b","cmd":"sleep 100","cpus":0.1,"mem":16}""")).Dispose();
        await host.WaitForNoDeploymentsAsync();
        Assert.Equal([10000, 10001], Ports(await host.GetAppAsync("a")));

        // A full PUT that says 0 again keeps the app's ports (Marathon reuses the app's own earlier ports first).
        (await host.PutJsonAsync("v2/apps/a?force=true", """{"cmd":"sleep 200","cpus":0.1,"mem":16,"portDefinitions":[{"port":0},{"port":0}]}""")).Dispose();
        Assert.Equal([10000, 10001], Ports(await host.GetAppAsync("a")));
        (await host.PutJsonAsync("v2/apps/a?force=true", """{"instances":2}""")).Dispose();
        (await host.Client.PostAsync("v2/apps/a/restart?force=true", null)).Dispose();
        // One more port: the old two stay, the new one is the next free.
        (await host.PutJsonAsync("v2/apps/a?force=true", """{"cmd":"sleep 300","portDefinitions":[{"port":0},{"port":0},{"port":0}]}""")).Dispose();
        Assert.Equal([10000, 10001, 10003], Ports(await host.GetAppAsync("a")));
        Assert.Equal([10002], Ports(await host.GetAppAsync("b")));

        (await host.Client.DeleteAsync("v2/apps/a?force=true")).Dispose();
        (await host.PostJsonAsync("v2/apps", """{"id":"c","cmd":"sleep 100","cpus":0.1,"mem":16}""")).Dispose();
        Assert.Equal([10000], Ports(await host.GetAppAsync("c")));
        await StopAllAsync(host);
    }

    [Fact]
    public async Task RangeExhausted_422WithMarathonsMessageAndNothingCreated()
    {
        await using var host = await RuntimeTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Runtime:ServicePorts:Min"] = "12000",
            ["Runtime:ServicePorts:Max"] = "12002",
        });
        (await host.PostJsonAsync("v2/apps", """{"id":"first","cmd":"sleep 100","cpus":0.1,"mem":16,"portDefinitions":[{"port":0},{"port":0}]}""")).Dispose();

        using var response = await host.PostJsonAsync("v2/apps", """{"id":"second","cmd":"sleep 100","cpus":0.1,"mem":16}""");
        var error = await response.Content.ReadFromJsonAsync<JsonObject>();
        using var second = await host.Client.GetAsync("v2/apps/second");

        Assert.Equal([12000, 12001], Ports(await host.GetAppAsync("first")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("All ports in the range [12000-12002) are already in use", (string?)error!["details"]![0]!["errors"]![0]);
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        await StopAllAsync(host);
    }

    [Theory]
    [InlineData("""{"id":"h","cmd":"sleep 1","portDefinitions":[{"port":-1}]}""")]
    [InlineData("""{"id":"h","cmd":"sleep 1","portDefinitions":[{"port":70000}]}""")]
    [InlineData("""{"id":"h","cmd":"sleep 1","portDefinitions":[{"port":99999999999999999999}]}""")]
    [InlineData("""{"id":"h","cmd":"sleep 1","portDefinitions":[{"port":"0"}]}""")]
    [InlineData("""{"id":"h","cmd":"sleep 1","portDefinitions":[{"port":0,"port":0}]}""")]
    [InlineData("""{"id":"h","cmd":"sleep 1","portDefinitions":[{"port":0,"name":"a\u0000b"}]}""")]
    [InlineData("""{"id":"h","cmd":"sleep 1","portDefinitions":{"port":0}}""")]
    [InlineData("""{"id":"h","cmd":"sleep 1","portDefinitions":[{"port":0,"name":"Http"}]}""")]
    [InlineData("""{"id":"h","cmd":"sleep 1","ports":[0,"x"]}""")]
    [InlineData("""{"id":"h","cmd":"sleep 1","container":{"type":"DOCKER","docker":{"image":"x"},"portMappings":[{"containerPort":80,"name":"../x"}]},"networks":[{"mode":"container/bridge"}]}""")]
    [InlineData("""{"id":"h","cmd":"sleep 1","container":{"type":"DOCKER","docker":{"image":"x"},"portMappings":[{"containerPort":80,"servicePort":-5}]},"networks":[{"mode":"container/bridge"}]}""")]
    [InlineData("""{"id":"h","cmd":"sleep 1","container":{"type":"DOCKER","docker":{"image":"x"},"portMappings":[{"containerPort":80,"servicePort":70000}]},"networks":[{"mode":"container/bridge"}]}""")]
    [InlineData("""{"id":"h","cmd":"sleep 1","container":{"type":"DOCKER","docker":{"image":"x"},"portMappings":[{"containerPort":80,"servicePort":"x"}]},"networks":[{"mode":"container/bridge"}]}""")]
    [InlineData("""{"id":"h","cmd":"sleep 1","container":{"type":"DOCKER","docker":{"image":"x"},"portMappings":[{"containerPort":80,"servicePort":1e20}]},"networks":[{"mode":"container/bridge"}]}""")]
    [InlineData("""{"id":"h","cmd":"sleep 1","container":{"type":"DOCKER","docker":{"image":"x"},"portMappings":[{"containerPort":80,"servicePort":0,"servicePort":0}]},"networks":[{"mode":"container/bridge"}]}""")]
    public async Task HostilePortDefinitions_4xxWithMarathonBody_NothingCreated(string json)
    {
        await using var host = await RuntimeTestHost.StartAsync();

        using var response = await host.PostJsonAsync("v2/apps", json);
        var body = await response.Content.ReadAsStringAsync();
        using var app = await host.Client.GetAsync("v2/apps/h");

        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode} for {json}: {body}");
        Assert.False(string.IsNullOrEmpty((string?)JsonNode.Parse(body)!["message"]), body);
        Assert.Equal(HttpStatusCode.NotFound, app.StatusCode);
    }

    [Fact]
    public async Task BridgePortMappings_ServicePortZeroAssigned_ConflictingFixedServicePortRefused()
    {
        await using var host = await RuntimeTestHost.StartAsync();
        const string Bridge = """
            {"id":"%ID%","cpus":0.1,"mem":16,"networks":[{"mode":"container/bridge"}],
             "container":{"type":"MESOS","docker":{"image":"busybox"},"portMappings":[{"containerPort":80},{"containerPort":81,"servicePort":%SP%}]}}
            """;

        using var created = await host.PostJsonAsync("v2/apps", Bridge.Replace("%ID%", "web", StringComparison.Ordinal).Replace("%SP%", "15000", StringComparison.Ordinal));
        var web = await host.GetAppAsync("web");
        using var clash = await host.PostJsonAsync("v2/apps", Bridge.Replace("%ID%", "clash", StringComparison.Ordinal).Replace("%SP%", "15000", StringComparison.Ordinal));
        var error = await clash.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal([10000, 15000], web["container"]!["portMappings"]!.AsArray().Select(m => (int)m!["servicePort"]!));
        Assert.False(web.ContainsKey("portDefinitions") && web["portDefinitions"]!.AsArray().Count > 0);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, clash.StatusCode);
        Assert.Equal("Requested service port 15000 conflicts with a service port in app /web", (string?)error!["details"]![0]!["errors"]![0]);
        await StopAllAsync(host);
    }

    [Fact]
    public async Task AssignedServicePorts_SurviveARuntimeRestart_AndAreNotHandedOutAgain()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "rtapi-tests", Guid.NewGuid().ToString("N"));
        var port = RuntimeProcess.FreePort();
        string[] arguments = [$"--Runtime:DataDirectory={dataDirectory}", "--Runtime:LocalAgent:Enabled=false", "--Runtime:SimulatedAgents:Count=1"];
        try
        {
            await using (var first = await RuntimeProcess.StartAsync(port, arguments))
            {
                (await first.Client.PostAsync("v2/apps", Json("""{"id":"kept","cmd":"sleep 100","cpus":0.1,"mem":16,"portDefinitions":[{"port":0},{"port":0}]}"""))).Dispose();
                Assert.Equal([10000, 10001], Ports((await first.Client.GetFromJsonAsync<JsonObject>("v2/apps/kept"))!["app"]!.AsObject()));
                await first.SigKillAsync();
            }

            await using var second = await RuntimeProcess.StartAsync(port, arguments);
            var kept = (await second.Client.GetFromJsonAsync<JsonObject>("v2/apps/kept"))!["app"]!.AsObject();
            (await second.Client.PostAsync("v2/apps", Json("""{"id":"next","cmd":"sleep 100","cpus":0.1,"mem":16}"""))).Dispose();
            (await second.Client.PutAsync("v2/apps/kept?force=true", Json("""{"cmd":"sleep 101","portDefinitions":[{"port":0},{"port":0}]}"""))).Dispose();
            var next = (await second.Client.GetFromJsonAsync<JsonObject>("v2/apps/next"))!["app"]!.AsObject();
            var updated = (await second.Client.GetFromJsonAsync<JsonObject>("v2/apps/kept"))!["app"]!.AsObject();

            Assert.Equal([10000, 10001], Ports(kept));
            Assert.Equal([10002], Ports(next));
            Assert.Equal([10000, 10001], Ports(updated));
            (await second.Client.DeleteAsync("v2/groups?force=true")).Dispose();
        }
        finally
        {
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    private static List<int> Ports(JsonObject app) => [.. app["portDefinitions"]!.AsArray().Select(p => (int)p!["port"]!)];

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task StopAllAsync(RuntimeTestHost host)
    {
        (await host.Client.DeleteAsync("v2/groups?force=true")).Dispose();
        await RuntimeTestHost.WaitUntilAsync(async () => (await host.GetJsonAsync("v2/tasks"))["tasks"]!.AsArray().Count == 0, "all tasks stopped");
    }
}
