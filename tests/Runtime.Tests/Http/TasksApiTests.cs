using System.Net;
using System.Text.Json.Nodes;
using Universe.Runtime.Tests.TestSupport;

namespace Universe.Runtime.Tests.Http;

public sealed class TasksApiTests
{
    [Fact]
    public async Task KillTasks_WithScale_ScalesDownAndReturnsDeployment()
    {
        await using var host = await RuntimeTestHost.StartAsync();
        (await host.PostJsonAsync("v2/apps", """{"id":"k","cmd":"x","cpus":0.1,"mem":16,"instances":3}""")).Dispose();
        await host.WaitForRunningAsync("k", 3);
        await host.WaitForNoDeploymentsAsync();
        var taskId = (string)(await host.GetJsonAsync("v2/apps/k/tasks"))["tasks"]![0]!["id"]!;

        using var response = await host.PostJsonAsync("v2/tasks/delete?scale=true", $$"""{"ids":["{{taskId}}"]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["deploymentId"]);
        await host.WaitForNoDeploymentsAsync();
        var app = await host.GetAppAsync("k");
        Assert.Equal(2, (int)app["instances"]!);
        Assert.DoesNotContain(app["tasks"]!.AsArray(), t => (string?)t!["id"] == taskId);
    }

    [Fact]
    public async Task KillAppTask_WithoutScale_ReplacesIt()
    {
        await using var host = await RuntimeTestHost.StartAsync();
        (await host.PostJsonAsync("v2/apps", """{"id":"k","cmd":"x","cpus":0.1,"mem":16,"instances":2}""")).Dispose();
        await host.WaitForRunningAsync("k", 2);
        var taskId = (string)(await host.GetJsonAsync("v2/apps/k/tasks"))["tasks"]![0]!["id"]!;

        using var response = await host.Client.DeleteAsync($"v2/apps/k/tasks/{taskId}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(taskId, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["task"]!["id"]);
        await RuntimeTestHost.WaitUntilAsync(
            async () =>
            {
                var tasks = (await host.GetJsonAsync("v2/apps/k/tasks"))["tasks"]!.AsArray();
                return tasks.Count == 2 && tasks.All(t => (string?)t!["id"] != taskId && (string?)t["state"] == "TASK_RUNNING");
            },
            "killed task replaced");
    }

    [Fact]
    public async Task DeleteTasks_UnknownId_Returns400()
    {
        await using var host = await RuntimeTestHost.StartAsync();

        using var response = await host.PostJsonAsync("v2/tasks/delete", """{"ids":["not_known"]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("""{"message":"Invalid task id not_known"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GetTasks_TextPlain_ListsAppServicePortAndHostPorts()
    {
        await using var host = await RuntimeTestHost.StartAsync();
        (await host.PostJsonAsync("v2/apps", """{"id":"t","cmd":"x","cpus":0.1,"mem":16}""")).Dispose();
        await host.WaitForRunningAsync("t", 1);
        using var request = new HttpRequestMessage(HttpMethod.Get, "v2/tasks");
        request.Headers.Accept.ParseAdd("text/plain");

        using var response = await host.Client.SendAsync(request);

        // Marathon's EndpointsHelper: {app}\t{servicePort}\t{host}:{hostPort}\t per service port.
        Assert.Equal("t\t10000\tsim-1.simulated:31000\t\n", await response.Content.ReadAsStringAsync());
    }
}
