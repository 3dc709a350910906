using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Universe.Runtime.Tests.TestSupport;

namespace Universe.Runtime.Tests.Http;

/// <summary>The local agent never hands out a host port that another process or another Runtime holds.</summary>
public sealed class HostPortTests
{
    [Fact]
    public async Task FirstPortOfRangeHeldByAListener_TaskGetsAnotherPortAndServesOnIt()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var held = ((IPEndPoint)holder.LocalEndpoint).Port;
        await using var host = await RuntimeTestHost.StartAsync(LocalAgent(held, held + 20));

        (await host.PostJsonAsync("v2/apps", """
            {"id":"web","cmd":"exec busybox httpd -f -p 127.0.0.1:$PORT0","cpus":0.1,"mem":32,
             "healthChecks":[{"protocol":"TCP","portIndex":0,"gracePeriodSeconds":10,"intervalSeconds":1,"timeoutSeconds":1,"maxConsecutiveFailures":3}]}
            """)).Dispose();
        try
        {
            await RuntimeTestHost.WaitUntilAsync(async () => (int)(await host.GetAppAsync("web"))["tasksHealthy"]! == 1, "web task healthy", TimeSpan.FromSeconds(30));
            var task = (await host.GetJsonAsync("v2/apps/web/tasks"))["tasks"]![0]!;
            var port = (int)task["ports"]![0]!;
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            using var answer = await http.GetAsync($"http://127.0.0.1:{port}/");
            var app = await host.GetAppAsync("web");

            Assert.NotEqual(held, port);
            Assert.InRange(port, held + 1, held + 20);
            // busybox httpd's own 404 page: the task answers there, not the holder (which never accepts).
            Assert.Contains("404 Not Found", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Null(app["lastTaskFailure"]);
        }
        finally
        {
            await StopAllAsync(host);
        }
    }

    [Fact]
    public async Task EveryPortOfRangeHeld_QueueSaysInsufficientPortsUntilOneIsFree()
    {
        var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var held = ((IPEndPoint)holder.LocalEndpoint).Port;
        try
        {
            await using var host = await RuntimeTestHost.StartAsync(LocalAgent(held, held));
            (await host.PostJsonAsync("v2/apps", """{"id":"waits","cmd":"exec sleep 60","cpus":0.1,"mem":32}""")).Dispose();
            try
            {
                JsonNode? item = null;
                await RuntimeTestHost.WaitUntilAsync(
                    async () =>
                    {
                        item = (await host.GetJsonAsync("v2/queue"))["queue"]!.AsArray().FirstOrDefault(q => (string?)q!["app"]!["id"] == "/waits");
                        return item?["processedOffersSummary"]!["rejectSummaryLastOffers"]!.AsArray().Count > 0;
                    },
                    "queue explains why /waits waits");
                var reasons = item!["processedOffersSummary"]!["rejectSummaryLastOffers"]!.AsArray();
                var tasks = (await host.GetJsonAsync("v2/apps/waits/tasks"))["tasks"]!.AsArray();

                Assert.Equal(1, (int)item["count"]!);
                Assert.Equal("InsufficientPorts", (string?)reasons.Single(r => (int)r!["declined"]! > 0)!["reason"]);
                Assert.Empty(tasks);

                holder.Stop();
                await host.WaitForRunningAsync("waits", 1, TimeSpan.FromSeconds(20));
                var port = (int)(await host.GetJsonAsync("v2/apps/waits/tasks"))["tasks"]![0]!["ports"]![0]!;
                Assert.Equal(held, port);
                Assert.Empty((await host.GetJsonAsync("v2/queue"))["queue"]!.AsArray());
            }
            finally
            {
                await StopAllAsync(host);
            }
        }
        finally
        {
            holder.Dispose();
        }
    }

    [Fact]
    public async Task TwoRuntimesSideBySide_SameRange_NeverHandOutTheSamePort()
    {
        var first = FreePort();
        var lockDirectory = Path.Combine(Path.GetTempPath(), "rtapi-tests", "ports-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?>(LocalAgent(first, first + 30)) { ["Runtime:LocalAgent:HostPortLockDirectory"] = lockDirectory };
        await using var one = await RuntimeTestHost.StartAsync(settings);
        await using var two = await RuntimeTestHost.StartAsync(settings);
        try
        {
            // Tasks that never listen: only the machine-wide claims keep the two Runtimes apart.
            const string App = """{"id":"twin","cmd":"exec sleep 60","cpus":0.01,"mem":8,"instances":4,"portDefinitions":[{"port":0},{"port":0}]}""";
            await Task.WhenAll(one.PostJsonAsync("v2/apps", App), two.PostJsonAsync("v2/apps", App));
            await Task.WhenAll(one.WaitForRunningAsync("twin", 4, TimeSpan.FromSeconds(30)), two.WaitForRunningAsync("twin", 4, TimeSpan.FromSeconds(30)));

            var ports = new List<int>();
            foreach (var host in (RuntimeTestHost[])[one, two])
            {
                foreach (var task in (await host.GetJsonAsync("v2/apps/twin/tasks"))["tasks"]!.AsArray())
                {
                    ports.AddRange(task!["ports"]!.AsArray().Select(p => (int)p!));
                }
            }

            Assert.True(ports.Count == 16, string.Join(",", ports));
            Assert.Equal(16, ports.Distinct().Count());
            Assert.All(ports, p => Assert.InRange(p, first, first + 30));
        }
        finally
        {
            await StopAllAsync(one);
            await StopAllAsync(two);
            if (Directory.Exists(lockDirectory))
            {
                Directory.Delete(lockDirectory, recursive: true);
            }
        }
    }

    private static Dictionary<string, string?> LocalAgent(int min, int max) => new()
    {
        ["Runtime:LocalAgent:Enabled"] = "true",
        ["Runtime:LocalAgent:Resources"] = $"cpus:2;mem:2048;disk:1000;ports:[{min}-{max}]",
        ["Runtime:SimulatedAgents:Count"] = "0",
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task StopAllAsync(RuntimeTestHost host)
    {
        (await host.Client.DeleteAsync("v2/groups?force=true")).Dispose();
        await RuntimeTestHost.WaitUntilAsync(async () => (await host.GetJsonAsync("v2/tasks"))["tasks"]!.AsArray().Count == 0, "all tasks stopped");
    }
}
