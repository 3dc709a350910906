using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json.Nodes;
using Universe.Runtime.Containers.Runc;
using Universe.Runtime.Tests.Containers;
using Universe.Runtime.Tests.TestSupport;
using Xunit.Abstractions;

namespace Universe.Runtime.Tests.Durability;

/// <summary>
/// SIGKILL a real Runtime process (the Runtime.Host executable) while containers run, restart it: the running containers
/// are re-adopted through <c>runc list</c> (same containers, same pids, nothing launched twice, healthy through the API),
/// and a container that died while the Runtime was down is reported TASK_GONE, its bundle removed and the task replaced.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ContainerRestartTests(ContainerRegistryFixture registry, ITestOutputHelper output) : IClassFixture<ContainerRegistryFixture>
{
    [ContainerFact]
    public async Task SigKill_WithTwoContainersRunning_RestartReadoptsBothAndReportsTheOneThatDiedWhileDown()
    {
        var settings = ContainerRuntimeHost.Settings(registry.MirrorUrl, ContainerRuntimeHost.NewDataDirectory());
        settings["Runtime:ReconciliationInitialDelayMilliseconds"] = "3000";
        var arguments = ContainerRuntimeHost.AsArguments(settings).ToList();
        var dataDirectory = settings["Runtime:DataDirectory"]!;
        var runc = new RuncClient(File.Exists("/usr/sbin/runc") ? "/usr/sbin/runc" : "/usr/bin/runc", Path.Combine(dataDirectory, "containers", "runc"));
        var port = RuntimeProcess.FreePort();
        RuntimeProcess? first = null;
        RuntimeProcess? second = null;
        try
        {
            Dictionary<string, int> pairPids;
            string doomed;
            first = await RuntimeProcess.StartAsync(port, arguments, "Information");
            {
                await PostAsync(first.Client, """
                    {"id":"/pair","instances":2,"cpus":0.1,"mem":64,
                     "container":{"type":"DOCKER","docker":{"image":"web","network":"BRIDGE","portMappings":[{"containerPort":80,"hostPort":0,"protocol":"tcp"}]}},
                     "healthChecks":[{"protocol":"HTTP","path":"/","portIndex":0,"gracePeriodSeconds":30,"intervalSeconds":1,"timeoutSeconds":2}]}
                    """);
                await PostAsync(first.Client, """
                    {"id":"/doomed","cpus":0.1,"mem":32,"cmd":"exec sleep 600","container":{"type":"DOCKER","docker":{"image":"hello"}}}
                    """);
                await RuntimeTestHost.WaitUntilAsync(async () => (int)(await AppAsync(first.Client, "pair"))["tasksHealthy"]! == 2
                    && (int)(await AppAsync(first.Client, "doomed"))["tasksRunning"]! == 1, "two healthy /pair containers and /doomed running", TimeSpan.FromSeconds(90));
                pairPids = (await TaskIdsAsync(first.Client, "pair")).ToDictionary(id => id, id => 0);
                doomed = Assert.Single(await TaskIdsAsync(first.Client, "doomed"));
                var running = (await runc.ListAsync(default)).Where(s => s.Status == "running").ToDictionary(s => s.Id, s => s.Pid);
                Assert.Equal([.. pairPids.Keys.Append(doomed).Order()], running.Keys.Order());
                foreach (var id in pairPids.Keys)
                {
                    pairPids[id] = running[id];
                }

                await first.SigKillAsync();
                await first.DisposeAsync();
            }

            // While the Runtime is down, /doomed's container dies; its shim records the exit status.
            Assert.True(await runc.KillAsync(doomed, "KILL", all: true, default));
            var doomedBundle = Path.Combine(dataDirectory, "containers", "bundles", doomed);
            await RuntimeTestHost.WaitUntilAsync(() => Task.FromResult(File.Exists(Path.Combine(doomedBundle, "exit"))), "the dead container's exit status recorded");

            second = await RuntimeProcess.StartAsync(port, arguments, "Information");
            await using var events = await EventClient.OpenAsync(second.Client, "status_update_event");

            var gone = await NextStatusAsync(events, doomed, TimeSpan.FromSeconds(30));
            Assert.Equal("TASK_GONE", (string?)gone["taskStatus"]);
            Assert.Equal("/doomed", (string?)gone["appId"]);
            Assert.Contains("Container exited with status 137 while the Runtime was down", (string?)gone["message"], StringComparison.Ordinal);
            Assert.False(Directory.Exists(doomedBundle));
            var failure = (await AppAsync(second.Client, "doomed"))["lastTaskFailure"]!;
            Assert.Equal("TASK_GONE", (string?)failure["state"]);
            Assert.Equal(doomed, (string?)failure["taskId"]);

            await RuntimeTestHost.WaitUntilAsync(async () => (await TaskIdsAsync(second.Client, "doomed")).Any(id => id != doomed), "/doomed replaced", TimeSpan.FromSeconds(60));
            await RuntimeTestHost.WaitUntilAsync(async () => (int)(await AppAsync(second.Client, "pair"))["tasksHealthy"]! == 2, "re-adopted /pair healthy", TimeSpan.FromSeconds(30));
            Assert.Equal(pairPids.Keys.Order(), (await TaskIdsAsync(second.Client, "pair")).Order());

            using (var deleted = await second.Client.DeleteAsync("v2/apps/doomed?force=true"))
            {
                deleted.EnsureSuccessStatusCode();
            }

            var bundles = Path.Combine(dataDirectory, "containers", "bundles");
            await RuntimeTestHost.WaitUntilAsync(
                async () => (await runc.ListAsync(default)).Count == 2 && Directory.GetDirectories(bundles).Length == 2,
                "only /pair's containers and bundles left",
                TimeSpan.FromSeconds(30));
            var after = await runc.ListAsync(default);
            Assert.Equal(pairPids.OrderBy(p => p.Key), after.Select(s => KeyValuePair.Create(s.Id, s.Pid)).OrderBy(p => p.Key));
            Assert.All(after, s => Assert.Equal("running", s.Status));
            Assert.Equal(
                pairPids.Keys.Order(),
                Directory.GetDirectories(bundles).Select(Path.GetFileName).Order());
            Assert.Equal(2, (int)(await AppAsync(second.Client, "pair"))["tasksRunning"]!);

            // The re-adopted containers are still fully managed: deleting the app stops and removes them.
            await ContainerRuntimeHost.DeleteAppAsync(second.Client, "/pair");
            Assert.Empty(await runc.ListAsync(default));
        }
        catch
        {
            foreach (var (name, process) in (ReadOnlySpan<(string, RuntimeProcess?)>)[("first", first), ("second", second)])
            {
                foreach (var line in process?.Output ?? [])
                {
                    output.WriteLine(name + ": " + line);
                }
            }

            throw;
        }
        finally
        {
            if (first is not null)
            {
                await first.DisposeAsync();
            }

            if (second is not null)
            {
                await second.DisposeAsync();
            }

            await ContainerRuntimeHost.CleanupAsync(settings);
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    private static async Task<JsonNode> NextStatusAsync(EventClient events, string taskId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var data = await events.NextAsync("status_update_event", deadline - DateTime.UtcNow);
            if ((string?)data["taskId"] == taskId)
            {
                return data;
            }
        }
    }

    private static async Task PostAsync(HttpClient client, string json)
    {
        using var response = await client.PostAsync("v2/apps", new StringContent(json, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    private static async Task<JsonNode> AppAsync(HttpClient client, string id) =>
        (await client.GetFromJsonAsync<JsonNode>("v2/apps/" + id + "?embed=apps.lastTaskFailure"))!["app"]!;

    private static async Task<List<string>> TaskIdsAsync(HttpClient client, string id) =>
        [.. (await client.GetFromJsonAsync<JsonNode>("v2/apps/" + id + "/tasks"))!["tasks"]!.AsArray()
            .Where(t => (string?)t!["state"] == "TASK_RUNNING").Select(t => (string)t!["id"]!)];
}
