using System.Net;
using Universe.Runtime.Tests.TestSupport;

namespace Universe.Runtime.Tests.Http;

public sealed class SystemApiTests
{
    [Fact]
    public async Task Ping_Default_ReturnsPong()
    {
        await using var host = await RuntimeTestHost.StartAsync();

        var body = await host.Client.GetStringAsync("ping");

        Assert.Equal("pong", body);
    }

    [Fact]
    public async Task Info_SimulatedOnly_HasExactlyMarathonsKeys()
    {
        await using var host = await RuntimeTestHost.StartAsync();

        var info = await host.GetJsonAsync("v2/info");

        Assert.Equal(
            ["buildref", "elected", "frameworkId", "http_config", "leader", "marathon_config", "name", "version", "zookeeper_config"],
            info.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("marathon", (string?)info["name"]);
        Assert.True((bool)info["elected"]!);
        Assert.Equal("*", (string?)info["marathon_config"]!["mesos_role"]);
    }

    [Fact]
    public async Task RuntimeInfo_SimulatedOnly_DescribesAgentsAndIsolation()
    {
        await using var host = await RuntimeTestHost.StartAsync();

        var info = await host.GetJsonAsync("runtime/info");

        Assert.Equal("none", (string?)info["isolation"]!["mode"]);
        Assert.Equal("sim-1", (string?)info["agents"]![0]!["id"]);
    }

    [Fact]
    public async Task Leader_Always_ReturnsThisNode()
    {
        await using var host = await RuntimeTestHost.StartAsync();

        var leader = await host.GetJsonAsync("v2/leader");

        Assert.Equal($"127.0.0.1:{host.Client.BaseAddress!.Port}", (string?)leader["leader"]);
    }

    [Fact]
    public async Task UnknownDeployment_Delete_Returns404()
    {
        await using var host = await RuntimeTestHost.StartAsync();

        using var response = await host.Client.DeleteAsync("v2/deployments/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
