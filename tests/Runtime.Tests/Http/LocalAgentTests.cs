using System.Net;
using System.Text.Json.Nodes;
using Universe.Runtime.Tests.TestSupport;

namespace Universe.Runtime.Tests.Http;

/// <summary>The local agent runs tasks as real processes through the task executor.</summary>
public sealed class LocalAgentTests
{
    private static readonly Dictionary<string, string?> LocalOnly = new()
    {
        ["Runtime:LocalAgent:Enabled"] = "true",
        ["Runtime:LocalAgent:Resources"] = "cpus:2;mem:2048;disk:1000;ports:[10000-20000]",
        ["Runtime:SimulatedAgents:Count"] = "0",
    };

    [Fact]
    public async Task PostApp_LocalCmd_RunsProcessWithStdoutReadableThroughApi()
    {
        await using var host = await RuntimeTestHost.StartAsync(LocalOnly);

        using var response = await host.PostJsonAsync("v2/apps", """{"id":"loc","cmd":"echo hello-$MARATHON_APP_ID; echo oops >&2; exec sleep 60","cpus":0.1,"mem":32}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await host.WaitForRunningAsync("loc", 1);
        var task = (await host.GetJsonAsync("v2/apps/loc/tasks"))["tasks"]![0]!;
        Assert.Equal("local", (string?)task["slaveId"]);
        var id = (string)task["id"]!;
        await RuntimeTestHost.WaitUntilAsync(
            async () =>
            {
                // TASK_RUNNING comes when the process started; its shell creates the stdout file a moment later.
                using var stdout = await host.Client.GetAsync($"v2/tasks/{id}/files/stdout");
                return stdout.IsSuccessStatusCode && (await stdout.Content.ReadAsStringAsync()).Contains("hello-/loc", StringComparison.Ordinal);
            },
            "stdout written");
        Assert.Equal("oops\n", await host.Client.GetStringAsync($"v2/tasks/{id}/files/stderr"));
        using var escape = await host.Client.GetAsync($"v2/tasks/{id}/files/..%2F..%2Fruntime.db");
        Assert.Equal(HttpStatusCode.NotFound, escape.StatusCode);
        await StopAllAsync(host);
    }

    [Fact]
    public async Task TaskFiles_SymlinkedDirectoryOutOfTheSandbox_Returns404ButInsideLinksWork()
    {
        await using var host = await RuntimeTestHost.StartAsync(LocalOnly);
        (await host.PostJsonAsync("v2/apps", """{"id":"other","cmd":"echo other-secret; exec sleep 60","cpus":0.1,"mem":32}""")).Dispose();
        await host.WaitForRunningAsync("other", 1);
        var otherId = (string)(await host.GetJsonAsync("v2/apps/other/tasks"))["tasks"]![0]!["id"]!;

        (await host.PostJsonAsync("v2/apps", """{"id":"evil","cmd":"ln -s / r; ln -s .. up; mkdir -p d; echo inside > d/f; ln -s d l; mkfifo p; echo ready; exec sleep 60","cpus":0.1,"mem":32}""")).Dispose();
        await host.WaitForRunningAsync("evil", 1);
        var id = (string)(await host.GetJsonAsync("v2/apps/evil/tasks"))["tasks"]![0]!["id"]!;
        await RuntimeTestHost.WaitUntilAsync(
            async () =>
            {
                using var stdout = await host.Client.GetAsync($"v2/tasks/{id}/files/stdout");
                return stdout.IsSuccessStatusCode && (await stdout.Content.ReadAsStringAsync()).Contains("ready", StringComparison.Ordinal);
            },
            "links made");

        using var root = await host.Client.GetAsync($"v2/tasks/{id}/files/r/etc/passwd");
        using var other = await host.Client.GetAsync($"v2/tasks/{id}/files/up/{otherId}/stdout");
        using var fifo = await host.Client.GetAsync($"v2/tasks/{id}/files/p");
        var inside = await host.Client.GetStringAsync($"v2/tasks/{id}/files/l/f");

        Assert.Equal(HttpStatusCode.NotFound, root.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, fifo.StatusCode);
        Assert.Contains("does not exist", await root.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("inside\n", inside);
        await StopAllAsync(host);
    }

    [Fact]
    public async Task PostApp_DockerContainerWithoutRunc_TaskFailsNamingWhatIsMissing()
    {
        await using var host = await RuntimeTestHost.StartAsync(new Dictionary<string, string?>(LocalOnly)
        {
            ["Runtime:Containers:RuncPath"] = "/nonexistent/runc",
        });

        (await host.PostJsonAsync("v2/apps", """{"id":"dock","container":{"type":"DOCKER","docker":{"image":"127.0.0.1:9/none"}},"cpus":0.1,"mem":32}""")).Dispose();

        await RuntimeTestHost.WaitUntilAsync(async () => (await host.GetAppAsync("dock"))["lastTaskFailure"] is not null, "docker task failed");
        var failure = (await host.GetAppAsync("dock"))["lastTaskFailure"]!;
        Assert.Equal("TASK_FAILED", (string?)failure["state"]);
        Assert.Contains("Containers are not available on this host: missing runc", (string?)failure["message"], StringComparison.Ordinal);
        var info = await host.GetJsonAsync("runtime/info");
        Assert.False((bool)info["containers"]!["available"]!);
        Assert.Contains(info["containers"]!["missing"]!.AsArray(), m => ((string?)m)!.StartsWith("runc", StringComparison.Ordinal));
        await StopAllAsync(host);
    }

    [Fact]
    public async Task PostApp_ExitingCmd_IsRestartedWithBackoffShownInQueue()
    {
        await using var host = await RuntimeTestHost.StartAsync(LocalOnly);

        (await host.PostJsonAsync("v2/apps", """{"id":"crash","cmd":"exit 3","cpus":0.1,"mem":32,"backoffSeconds":1,"backoffFactor":2,"maxLaunchDelaySeconds":60}""")).Dispose();

        await RuntimeTestHost.WaitUntilAsync(async () => (await host.GetAppAsync("crash"))["lastTaskFailure"] is not null, "first failure");
        var first = (string)(await host.GetAppAsync("crash"))["lastTaskFailure"]!["taskId"]!;
        var queue = (await host.GetJsonAsync("v2/queue"))["queue"]!.AsArray();
        Assert.Contains(queue, q => (string?)q!["app"]!["id"] == "/crash");
        await RuntimeTestHost.WaitUntilAsync(
            async () => (string?)(await host.GetAppAsync("crash"))["lastTaskFailure"]!["taskId"] != first,
            "relaunch after backoff fails again");
        await StopAllAsync(host);
    }

    [Fact]
    public async Task PostApp_FailingHealthCheck_TaskIsKilledAndReplaced()
    {
        await using var host = await RuntimeTestHost.StartAsync(LocalOnly);
        await using var events = await EventClient.OpenAsync(host, "unhealthy_instance_kill_event");

        (await host.PostJsonAsync("v2/apps", """
            {"id":"sick","cmd":"exec sleep 60","cpus":0.1,"mem":32,"backoffSeconds":1,
             "healthChecks":[{"protocol":"COMMAND","command":{"value":"exit 1"},"gracePeriodSeconds":0,"intervalSeconds":1,"timeoutSeconds":1,"maxConsecutiveFailures":1}]}
            """)).Dispose();

        var kill = await events.NextAsync("unhealthy_instance_kill_event", TimeSpan.FromSeconds(20));
        Assert.Equal("/sick", (string?)kill["appId"]);
        var killedTask = (string)kill["taskId"]!;
        await RuntimeTestHost.WaitUntilAsync(
            async () => (await host.GetJsonAsync("v2/apps/sick/tasks"))["tasks"]!.AsArray().Any(t => (string?)t!["id"] != killedTask),
            "replacement task launched",
            TimeSpan.FromSeconds(20));
        await StopAllAsync(host);
    }

    [Fact]
    public async Task Info_LocalAgent_IncludesExecutorIsolation()
    {
        await using var host = await RuntimeTestHost.StartAsync(LocalOnly);

        var info = await host.GetJsonAsync("runtime/info");

        Assert.Matches("^(cgroup-v2|cgroup-v1|none)$", (string?)info["isolation"]!["mode"]);
        Assert.Equal("local", (string?)info["agents"]![0]!["id"]);
    }

    private static async Task StopAllAsync(RuntimeTestHost host)
    {
        (await host.Client.DeleteAsync("v2/groups?force=true")).Dispose();
        await RuntimeTestHost.WaitUntilAsync(async () => (await host.GetJsonAsync("v2/tasks"))["tasks"]!.AsArray().Count == 0, "all tasks stopped");
    }
}
