using System.Net;
using System.Text.Json.Nodes;
using Universe.Runtime.Tests.TestSupport;

namespace Universe.Runtime.Tests.Http;

/// <summary>Marathon's container normalisation and validation on <c>/v2/apps</c> (simulated agent: nothing runs).</summary>
public sealed class ContainerAppsApiTests
{
    [Fact]
    public async Task PostApp_LegacyDockerPortMappingsAndBridge_AreNormalisedAndHealthCheckPortIndexCountsMappings()
    {
        await using var host = await RuntimeTestHost.StartAsync();

        using var response = await host.PostJsonAsync("v2/apps", """
            {"id":"/web","cpus":0.1,"mem":32,"instances":1,
             "container":{"type":"DOCKER","docker":{"image":"library/web:1.0","network":"BRIDGE",
               "portMappings":[{"containerPort":80,"hostPort":0,"servicePort":10000,"protocol":"tcp","name":"http"},{"containerPort":9090}]}},
             "healthChecks":[{"protocol":"HTTP","path":"/","portIndex":1}]}
            """);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var app = await host.GetAppAsync("web");
        var container = app["container"]!.AsObject();
        Assert.Null(container["docker"]!["portMappings"]);
        Assert.Null(container["docker"]!["network"]);
        Assert.False((bool)container["docker"]!["forcePullImage"]!);
        Assert.Equal(
            """[{"containerPort":80,"hostPort":0,"servicePort":10000,"protocol":"tcp","name":"http"},{"containerPort":9090,"hostPort":0,"servicePort":10001,"protocol":"tcp"}]""",
            container["portMappings"]!.ToJsonString());
        Assert.Equal("""[{"mode":"container/bridge"}]""", app["networks"]!.ToJsonString());
        Assert.Equal("[]", app["portDefinitions"]!.ToJsonString());
        await host.WaitForRunningAsync("web", 1);
        var task = (await host.GetJsonAsync("v2/apps/web/tasks"))["tasks"]![0]!;
        Assert.Equal(2, task["ports"]!.AsArray().Count);
    }

    [Fact]
    public async Task PostApp_PortMappingsWithNetworksAndHealthCheck_IsAccepted()
    {
        await using var host = await RuntimeTestHost.StartAsync();

        using var response = await host.PostJsonAsync("v2/apps", """
            {"id":"/nginx","cpus":0.1,"mem":32,"networks":[{"mode":"container/bridge"}],
             "container":{"type":"MESOS","docker":{"image":"nginx"},"portMappings":[{"containerPort":80,"hostPort":31080}]},
             "healthChecks":[{"protocol":"MESOS_HTTP","portIndex":0}]}
            """);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await host.WaitForRunningAsync("nginx", 1);
        var task = (await host.GetJsonAsync("v2/apps/nginx/tasks"))["tasks"]![0]!;
        Assert.Equal("[31080]", task["ports"]!.ToJsonString());
    }

    [Theory]
    [InlineData("""{"id":"/a","container":{"type":"DOCKER","docker":{"image":"x"},"portMappings":[{"containerPort":80}]},"healthChecks":[{"protocol":"HTTP","portIndex":1}]}""", "Health check port indices")]
    [InlineData("""{"id":"/a","container":{"type":"DOCKER","docker":{"image":""}}}""", "/container/docker/image")]
    [InlineData("""{"id":"/a","container":{"type":"RKT","docker":{"image":"x"}}}""", "/container/type")]
    [InlineData("""{"id":"/a","networks":[{"mode":"host"}],"container":{"type":"DOCKER","docker":{"image":"x"},"portMappings":[{"containerPort":80}]}}""", "Port mappings are only allowed")]
    [InlineData("""{"id":"/a","container":{"type":"DOCKER","docker":{"image":"x","network":"BRIDGE"},"portMappings":[{"containerPort":70000}]}}""", "/container/portMappings(0)/containerPort")]
    [InlineData("""{"id":"/a","container":{"type":"DOCKER","docker":{"image":"x"},"portMappings":[{"containerPort":80,"protocol":7}]}}""", "/container/portMappings(0)/protocol")]
    [InlineData("""{"id":"/a","container":{"type":"DOCKER","docker":{"image":"x"},"volumes":[{"containerPath":"/data","hostPath":"../../etc","mode":"RW"}]}}""", "/container/volumes(0)/hostPath")]
    [InlineData("""{"id":"/a","container":{"type":"DOCKER","docker":{"image":"x"},"volumes":[{"containerPath":"a/b","persistent":{"size":10},"mode":"RW"}]}}""", "/container/volumes(0)/containerPath")]
    [InlineData("""{"id":"/a","container":{"type":"DOCKER","docker":{"image":"x"},"volumes":[{"containerPath":"/d","hostPath":"/tmp","mode":"XX"}]}}""", "/container/volumes(0)/mode")]
    public async Task PostApp_InvalidContainer_Returns422WithThePath(string json, string expected)
    {
        await using var host = await RuntimeTestHost.StartAsync();

        using var response = await host.PostJsonAsync("v2/apps", json);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
