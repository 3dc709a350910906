using System.Net;
using System.Text.Json.Nodes;
using Universe.Runtime.Tests.TestSupport;

namespace Universe.Runtime.Tests.Http;

public sealed class DeploymentsApiTests
{
    [Fact]
    public async Task GetDeployments_StuckDeployment_ListsItWithSteps()
    {
        await using var host = await RuntimeTestHost.StartAsync();
        using var post = await host.PostJsonAsync("v2/apps", """{"id":"big","cmd":"x","cpus":100}""");
        var id = post.Headers.GetValues("Marathon-Deployment-Id").Single();

        var deployments = (JsonArray)await host.GetJsonAsync("v2/deployments");

        var deployment = Assert.Single(deployments)!;
        Assert.Equal(id, (string?)deployment["id"]);
        Assert.Equal(["/big"], deployment["affectedApps"]!.AsArray().Select(a => (string)a!));
        Assert.Equal(2, (int)deployment["totalSteps"]!);
        Assert.Equal("ScaleApplication", (string?)deployment["currentActions"]![0]!["action"]);
    }

    [Fact]
    public async Task DeleteDeployment_NewApp_RollsBackByRemovingTheApp()
    {
        await using var host = await RuntimeTestHost.StartAsync();
        using var post = await host.PostJsonAsync("v2/apps", """{"id":"big","cmd":"x","cpus":100}""");
        var id = post.Headers.GetValues("Marathon-Deployment-Id").Single();

        using var response = await host.Client.DeleteAsync("v2/deployments/" + id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["deploymentId"]);
        using var app = await host.Client.GetAsync("v2/apps/big");
        Assert.Equal(HttpStatusCode.NotFound, app.StatusCode);
        await host.WaitForNoDeploymentsAsync();
    }

    [Fact]
    public async Task DeleteDeployment_Force_CancelsWithoutRollback()
    {
        await using var host = await RuntimeTestHost.StartAsync();
        using var post = await host.PostJsonAsync("v2/apps", """{"id":"big","cmd":"x","cpus":100}""");
        var id = post.Headers.GetValues("Marathon-Deployment-Id").Single();

        using var response = await host.Client.DeleteAsync($"v2/deployments/{id}?force=true");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty((JsonArray)await host.GetJsonAsync("v2/deployments"));
        Assert.Equal("/big", (string?)(await host.GetAppAsync("big"))["id"]);
    }
}
