using System.Net;
using System.Text.Json.Nodes;
using Universe.Runtime.Tests.TestSupport;

namespace Universe.Runtime.Tests.Http;

/// <summary><c>Runtime:Roles:*</c> and static reservations in agent resources, observed through the API.</summary>
public sealed class RoleConfigurationTests
{
    [Fact]
    public async Task StaticReservation_UnreservedAppCannotUseItButRoleAppCan()
    {
        await using var host = await RuntimeTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Runtime:SimulatedAgents:Resources"] = "cpus:4;mem:4096;disk:1000;ports:[31000-32000];cpus(a):2;mem(a):1024",
        });

        (await host.PostJsonAsync("v2/apps", """{"id":"star","cmd":"x","cpus":1,"mem":128,"instances":6}""")).Dispose();
        await host.WaitForRunningAsync("star", 4);
        using var response = await host.PostJsonAsync("v2/apps", """{"id":"ra","cmd":"x","role":"a","cpus":1,"mem":128,"instances":2}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await host.WaitForRunningAsync("ra", 2);
        Assert.Equal(4, (int)(await host.GetAppAsync("star"))["tasksRunning"]!);
    }

    [Fact]
    public async Task RoleWeights_TwoToOne_SplitTheClusterTwoToOne()
    {
        await using var host = await RuntimeTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Runtime:SimulatedAgents:Resources"] = "cpus:9;mem:9000;disk:1000;ports:[31000-32000]",
            ["Runtime:Roles:x:Weight"] = "2",
            ["Runtime:Roles:y:Weight"] = "1",
        });

        (await host.PutJsonAsync("v2/apps", """
            [{"id":"x","cmd":"a","role":"x","cpus":1,"mem":100,"instances":9},
             {"id":"y","cmd":"a","role":"y","cpus":1,"mem":100,"instances":9}]
            """)).Dispose();

        await RuntimeTestHost.WaitUntilAsync(async () => (await host.GetJsonAsync("v2/tasks"))["tasks"]!.AsArray().Count == 9, "cluster full");
        Assert.Equal(6, (int)(await host.GetAppAsync("x"))["tasksRunning"]!);
        Assert.Equal(3, (int)(await host.GetAppAsync("y"))["tasksRunning"]!);
    }

    [Fact]
    public async Task RoleLimit_Reached_AppWaitsWithQuotaReason()
    {
        await using var host = await RuntimeTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Runtime:Roles:q:Limit"] = "cpus:2",
        });

        (await host.PostJsonAsync("v2/apps", """{"id":"q","cmd":"a","role":"q","cpus":1,"mem":64,"instances":5}""")).Dispose();

        await RuntimeTestHost.WaitUntilAsync(async () => ((JsonArray)(await host.GetJsonAsync("v2/queue"))["queue"]!).Count == 1, "app queued");
        Assert.Equal(2, (int)(await host.GetAppAsync("q"))["tasksRunning"]!);
        var item = (await host.GetJsonAsync("v2/queue"))["queue"]![0]!;
        Assert.Equal(3, (int)item["count"]!);
        Assert.Contains(item["processedOffersSummary"]!["rejectSummaryLastOffers"]!.AsArray(), r => (string?)r!["reason"] == "RoleQuotaLimitReached");
    }
}
