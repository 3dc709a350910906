using System.Net;
using System.Text.Json.Nodes;
using Universe.Runtime.Tests.TestSupport;

namespace Universe.Runtime.Tests.Http;

public sealed class GroupsApiTests
{
    private const string Product = """
        {"id":"/product","groups":[
          {"id":"/product/database","apps":[{"id":"/product/database/mongo","cmd":"x","cpus":0.1,"mem":16},{"id":"mysql","cmd":"x","cpus":0.1,"mem":16}]},
          {"id":"service","dependencies":["../database"],"apps":[{"id":"rails-app","cmd":"x","cpus":0.1,"mem":16}]}]}
        """;

    [Fact]
    public async Task PostGroup_NestedWithDependencies_PlansDependenciesFirstAndDeploys()
    {
        await using var host = await RuntimeTestHost.StartAsync();
        var events = await EventClient.OpenAsync(host, "deployment_info");

        using var response = await host.PostJsonAsync("v2/groups", Product);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(response.Headers.Contains("Marathon-Deployment-Id"));
        var info = await events.NextAsync("deployment_info");
        var steps = info["plan"]!["steps"]!.AsArray().Select(s => s!["actions"]!.AsArray().Select(a => $"{a!["action"]} {a["app"]}").ToList()).ToList();
        Assert.Equal(
            [
                ["StartApplication /product/database/mongo", "StartApplication /product/database/mysql", "StartApplication /product/service/rails-app"],
                ["ScaleApplication /product/database/mongo", "ScaleApplication /product/database/mysql"],
                ["ScaleApplication /product/service/rails-app"],
            ],
            steps);
        await host.WaitForNoDeploymentsAsync();
        var group = await host.GetJsonAsync("v2/groups/product");
        var service = group["groups"]!.AsArray().Single(g => (string?)g!["id"] == "/product/service")!;
        Assert.Equal(["/product/database"], service["dependencies"]!.AsArray().Select(d => (string)d!));
        Assert.Equal("/product/service/rails-app", (string?)service["apps"]![0]!["id"]);
        await events.DisposeAsync();
    }

    [Fact]
    public async Task PostGroup_DependencyCannotStart_DependantWaits()
    {
        await using var host = await RuntimeTestHost.StartAsync();

        (await host.PostJsonAsync("v2/groups", """
            {"id":"/p","apps":[{"id":"db","cmd":"x","cpus":100},{"id":"web","cmd":"x","cpus":0.1,"mem":16,"dependencies":["db"]},{"id":"free","cmd":"x","cpus":0.1,"mem":16}]}
            """)).Dispose();

        await host.WaitForRunningAsync("p/free", 1);
        var deployment = ((System.Text.Json.Nodes.JsonArray)await host.GetJsonAsync("v2/deployments"))[0]!;
        Assert.Equal(0, (int)(await host.GetAppAsync("p/web"))["tasksRunning"]!);
        Assert.Equal(2, (int)deployment["currentStep"]!);
        Assert.Equal(["/p/db", "/p/free"], deployment["currentActions"]!.AsArray().Select(a => (string)a!["app"]!));
    }

    [Fact]
    public async Task PostGroup_CyclicDependencies_Returns422()
    {
        await using var host = await RuntimeTestHost.StartAsync();

        using var response = await host.PostJsonAsync("v2/groups", """{"id":"/c","apps":[{"id":"x","cmd":"a","dependencies":["/c/y"]},{"id":"y","cmd":"a","dependencies":["/c/x"]}]}""");

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        Assert.Contains("Dependency graph has cyclic dependencies.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var missing = await host.Client.GetAsync("v2/groups/c");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task PostGroup_Existing_Returns409AndAppNotChildReturns422()
    {
        await using var host = await RuntimeTestHost.StartAsync();
        (await host.PostJsonAsync("v2/groups", """{"id":"/g","apps":[{"id":"a","cmd":"x","instances":0}]}""")).Dispose();

        using var again = await host.PostJsonAsync("v2/groups", """{"id":"/g"}""");
        using var notChild = await host.PostJsonAsync("v2/groups", """{"id":"/h","apps":[{"id":"/elsewhere/a","cmd":"x"}]}""");

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal((HttpStatusCode)422, notChild.StatusCode);
        Assert.Contains("identifier /elsewhere/a is not child of /h. Hint: use relative paths.", await notChild.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetGroups_Empty_ReturnsRoot()
    {
        await using var host = await RuntimeTestHost.StartAsync();

        var root = await host.GetJsonAsync("v2/groups");

        Assert.Equal("/", (string?)root["id"]);
        Assert.Empty(root["apps"]!.AsArray());
        Assert.Empty(root["groups"]!.AsArray());
    }

    [Fact]
    public async Task PutGroup_WithoutAnApp_StopsTheRemovedApp()
    {
        await using var host = await RuntimeTestHost.StartAsync();
        (await host.PostJsonAsync("v2/groups", """{"id":"/g","apps":[{"id":"a","cmd":"x","cpus":0.1,"mem":16},{"id":"b","cmd":"x","cpus":0.1,"mem":16}]}""")).Dispose();
        await host.WaitForNoDeploymentsAsync();
        var before = (await host.GetAppAsync("g/a"))["version"]!.ToString();

        using var response = await host.PutJsonAsync("v2/groups/g", """{"apps":[{"id":"a","cmd":"x","cpus":0.1,"mem":16}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await host.WaitForNoDeploymentsAsync();
        var apps = (await host.GetJsonAsync("v2/apps"))["apps"]!.AsArray().Select(a => (string)a!["id"]!).ToList();
        Assert.Equal(["/g/a"], apps);
        Assert.Equal(before, (await host.GetAppAsync("g/a"))["version"]!.ToString());
    }

    [Fact]
    public async Task PutGroup_ScaleByAndDryRun_ScalesEveryAppOrOnlyPlans()
    {
        await using var host = await RuntimeTestHost.StartAsync();
        (await host.PutJsonAsync("v2/groups", """{"id":"/s","apps":[{"id":"a","cmd":"x","cpus":0.1,"mem":16},{"id":"b","cmd":"x","cpus":0.1,"mem":16,"instances":2}]}""")).Dispose();
        await host.WaitForNoDeploymentsAsync();

        using var dryRun = await host.PutJsonAsync("v2/groups/s?dryRun=true", """{"apps":[{"id":"a","cmd":"y","cpus":0.1,"mem":16}]}""");
        using var scale = await host.PutJsonAsync("v2/groups/s", """{"scaleBy":2}""");

        var steps = JsonNode.Parse(await dryRun.Content.ReadAsStringAsync())!["steps"]!.AsArray();
        Assert.Equal(
            ["StopApplication /s/b", "RestartApplication /s/a"],
            steps.SelectMany(s => s!["actions"]!.AsArray()).Select(a => $"{a!["action"]} {a["app"]}"));
        Assert.Equal(HttpStatusCode.OK, scale.StatusCode);
        await host.WaitForRunningAsync("s/a", 2);
        await host.WaitForRunningAsync("s/b", 4);
    }

    [Fact]
    public async Task DeleteGroup_WithApps_RemovesEverythingBelow()
    {
        await using var host = await RuntimeTestHost.StartAsync();
        (await host.PostJsonAsync("v2/groups", Product)).Dispose();

        using var response = await host.Client.DeleteAsync("v2/groups/product?force=true");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await host.GetJsonAsync("v2/apps"))["apps"]!.AsArray());
        using var missing = await host.Client.GetAsync("v2/groups/product");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
