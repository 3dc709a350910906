using System.Net;
using System.Text.Json.Nodes;
using Universe.Runtime.Tests.TestSupport;

namespace Universe.Runtime.Tests.Http;

/// <summary>The DRF paper's example (Ghodsi et al. §4) through the Marathon API: ⟨9 CPU, 18 GB⟩, A ⟨1 CPU, 4 GB⟩, B ⟨3 CPU, 1 GB⟩.</summary>
public sealed class PaperExampleTests
{
    private static readonly Dictionary<string, string?> PaperCluster = new()
    {
        ["Runtime:SimulatedAgents:Count"] = "1",
        ["Runtime:SimulatedAgents:Resources"] = "cpus:9;mem:18432;disk:100000;ports:[31000-32000]",
    };

    private const string Apps = """
        [{"id":"/a","cmd":"sleep 1000","role":"a","cpus":1,"mem":4096,"instances":10},
         {"id":"/b","cmd":"sleep 1000","role":"b","cpus":3,"mem":1024,"instances":10}]
        """;

    [Fact]
    public async Task PutApps_PaperExample_ARunsThreeAndBRunsTwo()
    {
        await using var host = await RuntimeTestHost.StartAsync(PaperCluster);

        using var response = await host.PutJsonAsync("v2/apps", Apps);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await RuntimeTestHost.WaitUntilAsync(
            async () => ((JsonArray)(await host.GetJsonAsync("v2/queue"))["queue"]!).Count == 2,
            "both apps queued with reasons");
        Assert.Equal(3, (int)(await host.GetAppAsync("a"))["tasksRunning"]!);
        Assert.Equal(2, (int)(await host.GetAppAsync("b"))["tasksRunning"]!);
        Assert.All((await host.GetJsonAsync("v2/tasks"))["tasks"]!.AsArray(), t => Assert.Equal("TASK_RUNNING", (string?)t!["state"]));
    }

    [Fact]
    public async Task GetQueue_PaperExample_ExplainsWhyTheRestWaits()
    {
        await using var host = await RuntimeTestHost.StartAsync(PaperCluster);
        (await host.PutJsonAsync("v2/apps", Apps)).Dispose();

        await RuntimeTestHost.WaitUntilAsync(
            async () => ((JsonArray)(await host.GetJsonAsync("v2/queue"))["queue"]!).Count == 2,
            "both apps queued with reasons");
        var queue = (await host.GetJsonAsync("v2/queue"))["queue"]!.AsArray();

        var a = queue.Single(q => (string?)q!["app"]!["id"] == "/a")!;
        var b = queue.Single(q => (string?)q!["app"]!["id"] == "/b")!;
        Assert.Equal(7, (int)a["count"]!);
        Assert.Equal(8, (int)b["count"]!);
        Assert.Equal("a", (string?)a["role"]);
        Assert.True((bool)a["delay"]!["overdue"]!);
        Assert.Contains(a["processedOffersSummary"]!["rejectSummaryLastOffers"]!.AsArray(), r => (string?)r!["reason"] == "InsufficientCpus" && (int)r["declined"]! == 1);
        Assert.Contains(b["processedOffersSummary"]!["rejectSummaryLastOffers"]!.AsArray(), r => (string?)r!["reason"] == "InsufficientCpus" && (int)r["declined"]! == 1);
    }
}
