using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Universe.Runtime.Tests.TestSupport;

namespace Universe.Runtime.Tests.Durability;

/// <summary>
/// SIGKILL the Runtime while apps run; the restarted Runtime keeps every app and re-adopts the live tasks. A task whose
/// process died while it was down is reported TASK_GONE on /v2/events (with the reason, also as lastTaskFailure) and replaced.
/// </summary>
public sealed class RuntimeRestartTests
{
    // Unique per run: other test runs on the machine (and leftovers of a failed one) must not be counted.
    private static readonly string Marker = "3017." + Random.Shared.Next(10_000, 99_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task SigKill_WhileAppsRun_RestartReadoptsLiveTasksReportsTheDeadOneGoneAndReplacesIt()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "rtapi-tests", Guid.NewGuid().ToString("N"));
        var port = RuntimeProcess.FreePort();
        string[] arguments =
        [
            $"--Runtime:DataDirectory={dataDirectory}",
            "--Runtime:LocalAgent:Resources=cpus:2;mem:2048;disk:1000;ports:[10000-20000]",
            "--Runtime:SimulatedAgents:Count=1",
            // TASK_GONE goes out this long after the restarted Runtime's loop began; the event stream below must be open
            // by then, which takes the cold process's first requests (seconds on a loaded machine), so leave a wide margin.
            "--Runtime:ReconciliationInitialDelayMilliseconds=8000",
        ];
        try
        {
            Dictionary<string, string> before;
            await using (var first = await RuntimeProcess.StartAsync(port, arguments))
            {
                await PostAsync(first.Client, $$"""{"id":"/keep","cmd":"exec sleep {{Marker}}","cpus":0.1,"mem":16,"instances":2,"constraints":[["hostname","CLUSTER","127.0.0.1"]]}""");
                await PostAsync(first.Client, """{"id":"/sim","cmd":"sleep 1","cpus":0.1,"mem":16,"constraints":[["hostname","CLUSTER","sim-1.simulated"]]}""");
                await RuntimeTestHost.WaitUntilAsync(async () => ((JsonArray)(await first.Client.GetFromJsonAsync<JsonNode>("v2/deployments"))!).Count == 0, "initial deployments done", TimeSpan.FromSeconds(60));
                before = await TaskIdsAsync(first.Client);
                Assert.Equal(3, before.Count);
                await RuntimeTestHost.WaitUntilAsync(() => Task.FromResult(MarkedProcesses().Count == 2), "both task processes exec'd sleep", TimeSpan.FromSeconds(60));
                await first.SigKillAsync();
            }

            var victim = MarkedProcesses()[0];
            var victimTask = TaskIdOf(victim);
            System.Diagnostics.Process.GetProcessById(victim).Kill();

            await using var second = await RuntimeProcess.StartAsync(port, arguments);
            await using (var events = await EventClient.OpenAsync(second.Client, "status_update_event"))
            {
                var gone = await events.NextAsync("status_update_event", TimeSpan.FromSeconds(60));
                Assert.Equal(victimTask, (string?)gone["taskId"]);
                Assert.Equal("TASK_GONE", (string?)gone["taskStatus"]);
                Assert.Equal("/keep", (string?)gone["appId"]);
                Assert.Equal(
                    "Task process " + victim.ToString(System.Globalization.CultureInfo.InvariantCulture) + " had ended when the Runtime restarted; its exit status is unknown",
                    (string?)gone["message"]);
            }

            var failure = (await second.Client.GetFromJsonAsync<JsonNode>("v2/apps/keep"))!["app"]!["lastTaskFailure"]!;
            Assert.Equal("TASK_GONE", (string?)failure["state"]);
            Assert.Equal(victimTask, (string?)failure["taskId"]);
            await RuntimeTestHost.WaitUntilAsync(
                async () => (await TaskIdsAsync(second.Client)).Count(t => t.Value == "/keep") == 2 && MarkedProcesses().Count == 2,
                "dead task relaunched after restart", TimeSpan.FromSeconds(60));
            await RuntimeTestHost.WaitUntilAsync(
                async () => ((JsonArray)(await second.Client.GetFromJsonAsync<JsonNode>("v2/deployments"))!).Count == 0, "no deployments after restart", TimeSpan.FromSeconds(60));
            var after = await TaskIdsAsync(second.Client);

            Assert.Equal(["/keep", "/sim"], ((await second.Client.GetFromJsonAsync<JsonNode>("v2/apps"))!["apps"]!.AsArray()).Select(a => (string)a!["id"]!));
            Assert.Equal(3, after.Count);
            Assert.Single(after.Keys, id => after[id] == "/keep" && before.ContainsKey(id));
            Assert.DoesNotContain(victimTask, after.Keys);
            Assert.Contains(after.Keys, id => after[id] == "/sim" && before.ContainsKey(id));
            Assert.Equal(2, MarkedProcesses().Count);

            (await second.Client.DeleteAsync("v2/groups?force=true")).Dispose();
            await RuntimeTestHost.WaitUntilAsync(() => Task.FromResult(MarkedProcesses().Count == 0), "task processes stopped", TimeSpan.FromSeconds(60));
            await second.DisposeAsync();
        }
        finally
        {
            // A failed assertion must not leave the task processes behind (they outlive the Runtime by design).
            foreach (var pid in MarkedProcesses())
            {
                System.Diagnostics.Process.GetProcessById(pid).Kill();
            }

            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task GracefulStop_WithATaskRunning_LogsThatItKeepsRunningAndTheNextStartReadoptsIt()
    {
        var marker = "3018." + Random.Shared.Next(10_000, 99_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var dataDirectory = Path.Combine(Path.GetTempPath(), "rtapi-tests", Guid.NewGuid().ToString("N"));
        var hostPort = RuntimeProcess.FreePort();
        string[] arguments =
        [
            $"--Runtime:DataDirectory={dataDirectory}",
            $"--Runtime:LocalAgent:Resources=cpus:1;mem:512;disk:100;ports:[{hostPort}-{hostPort}]",
            "--Runtime:SimulatedAgents:Count=0",
        ];
        var port = RuntimeProcess.FreePort();
        try
        {
            string taskId;
            await using (var first = await RuntimeProcess.StartAsync(port, arguments, "Information"))
            {
                await PostAsync(first.Client, $$"""{"id":"/lingering","cmd":"exec sleep {{marker}}","cpus":0.1,"mem":16}""");
                await RuntimeTestHost.WaitUntilAsync(() => Task.FromResult(MarkedProcesses(marker).Count == 1), "the task process exec'd sleep");
                taskId = Assert.Single((await TaskIdsAsync(first.Client)).Keys);

                await first.StopAsync();

                Assert.Contains(first.Output, line => line.Contains("Stopping: 1 task(s) keep running and will be re-adopted at the next start", StringComparison.Ordinal));
            }

            Assert.Single(MarkedProcesses(marker));
            await using var second = await RuntimeProcess.StartAsync(port, arguments);
            await RuntimeTestHost.WaitUntilAsync(async () => (await TaskIdsAsync(second.Client)).ContainsKey(taskId), "the task re-adopted");
            (await second.Client.DeleteAsync("v2/apps/lingering?force=true")).Dispose();
            await RuntimeTestHost.WaitUntilAsync(() => Task.FromResult(MarkedProcesses(marker).Count == 0), "task process stopped");
        }
        finally
        {
            foreach (var pid in MarkedProcesses(marker))
            {
                System.Diagnostics.Process.GetProcessById(pid).Kill();
            }

            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task PostAsync(HttpClient client, string json)
    {
        using var response = await client.PostAsync("v2/apps", new StringContent(json, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    private static async Task<Dictionary<string, string>> TaskIdsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonNode>("v2/tasks"))!["tasks"]!.AsArray()
            .Where(t => (string?)t!["state"] == "TASK_RUNNING")
            .ToDictionary(t => (string)t!["id"]!, t => (string)t!["appId"]!);

    /// <summary>The task id a task process runs for (its <c>MESOS_TASK_ID</c>).</summary>
    private static string TaskIdOf(int pid) =>
        File.ReadAllText("/proc/" + pid.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/environ").Split('\0')
            .Single(v => v.StartsWith("MESOS_TASK_ID=", StringComparison.Ordinal))["MESOS_TASK_ID=".Length..];

    private static List<int> MarkedProcesses() => MarkedProcesses(Marker);

    private static List<int> MarkedProcesses(string marker)
    {
        var pids = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }

            try
            {
                var cmdline = File.ReadAllText(Path.Combine(directory, "cmdline"));
                if (cmdline == $"sleep\0{marker}\0")
                {
                    pids.Add(pid);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return pids;
    }
}
