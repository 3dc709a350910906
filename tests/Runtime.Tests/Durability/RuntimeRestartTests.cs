using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Universe.Runtime.Tests.TestSupport;

namespace Universe.Runtime.Tests.Durability;

/// <summary>SIGKILL the Runtime while apps run; the restarted Runtime keeps every app and re-adopts or relaunches tasks.</summary>
public sealed class RuntimeRestartTests
{
    // Unique per run: other test runs on the machine (and leftovers of a failed one) must not be counted.
    private static readonly string Marker = "3017." + Random.Shared.Next(10_000, 99_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task SigKill_WhileAppsRun_RestartKeepsAppsReadoptsLiveTasksAndRelaunchesDeadOnes()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "rtapi-tests", Guid.NewGuid().ToString("N"));
        var port = RuntimeProcess.FreePort();
        string[] arguments =
        [
            $"--Runtime:DataDirectory={dataDirectory}",
            "--Runtime:LocalAgent:Resources=cpus:2;mem:2048;disk:1000;ports:[10000-20000]",
            "--Runtime:SimulatedAgents:Count=1",
        ];
        Dictionary<string, string> before;
        await using (var first = await RuntimeProcess.StartAsync(port, arguments))
        {
            await PostAsync(first.Client, $$"""{"id":"/keep","cmd":"exec sleep {{Marker}}","cpus":0.1,"mem":16,"instances":2,"constraints":[["hostname","CLUSTER","127.0.0.1"]]}""");
            await PostAsync(first.Client, """{"id":"/sim","cmd":"sleep 1","cpus":0.1,"mem":16,"constraints":[["hostname","CLUSTER","sim-1.simulated"]]}""");
            await RuntimeTestHost.WaitUntilAsync(async () => ((JsonArray)(await first.Client.GetFromJsonAsync<JsonNode>("v2/deployments"))!).Count == 0, "initial deployments done");
            before = await TaskIdsAsync(first.Client);
            Assert.Equal(3, before.Count);
            await RuntimeTestHost.WaitUntilAsync(() => Task.FromResult(MarkedProcesses().Count == 2), "both task processes exec'd sleep");
            await first.SigKillAsync();
        }

        var victim = MarkedProcesses()[0];
        System.Diagnostics.Process.GetProcessById(victim).Kill();

        await using var second = await RuntimeProcess.StartAsync(port, arguments);
        await RuntimeTestHost.WaitUntilAsync(
            async () => (await TaskIdsAsync(second.Client)).Count(t => t.Value == "/keep") == 2 && MarkedProcesses().Count == 2,
            "dead task relaunched after restart");
        await RuntimeTestHost.WaitUntilAsync(async () => ((JsonArray)(await second.Client.GetFromJsonAsync<JsonNode>("v2/deployments"))!).Count == 0, "no deployments after restart");
        var after = await TaskIdsAsync(second.Client);

        Assert.Equal(["/keep", "/sim"], ((await second.Client.GetFromJsonAsync<JsonNode>("v2/apps"))!["apps"]!.AsArray()).Select(a => (string)a!["id"]!));
        Assert.Equal(3, after.Count);
        Assert.Single(after.Keys, id => after[id] == "/keep" && before.ContainsKey(id));
        Assert.Contains(after.Keys, id => after[id] == "/sim" && before.ContainsKey(id));
        Assert.Equal(2, MarkedProcesses().Count);

        (await second.Client.DeleteAsync("v2/groups?force=true")).Dispose();
        await RuntimeTestHost.WaitUntilAsync(() => Task.FromResult(MarkedProcesses().Count == 0), "task processes stopped");
        await second.DisposeAsync();
        Directory.Delete(dataDirectory, recursive: true);
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

    private static List<int> MarkedProcesses()
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
                if (cmdline == $"sleep\0{Marker}\0")
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
