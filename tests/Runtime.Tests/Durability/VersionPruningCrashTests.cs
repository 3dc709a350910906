using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Universe.Runtime.Tests.TestSupport;

namespace Universe.Runtime.Tests.Durability;

/// <summary>Pruning old app versions (<c>Runtime:MaxAppVersions</c>) is part of the deployment commit's transaction.</summary>
public sealed class VersionPruningCrashTests
{
    [Fact]
    public async Task SigKill_AfterThePruneInsideTheCommit_RestartKeepsTheOldVersionsThenPrunesOnRetry()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "rtapi-tests", Guid.NewGuid().ToString("N"));
        var port = RuntimeProcess.FreePort();
        string[] arguments =
        [
            $"--Runtime:DataDirectory={dataDirectory}", "--Runtime:LocalAgent:Enabled=false", "--Runtime:SimulatedAgents:Count=1",
            "--Runtime:MaxAppVersions=2",
        ];
        try
        {
            List<string> versionsBefore;
            // The third version's commit writes: the app, its version, the deletion of the oldest version, the deployment.
            // The hook kills the process after the third write: the deletion ran, inside the open transaction.
            await using (var first = await RuntimeProcess.StartAsync(port, [.. arguments, "--Runtime:FaultInjection:KillDuringCommitAfterWrites=3"]))
            {
                using var created = await first.Client.PostAsync("v2/apps", Json(App("sleep 101")));
                Assert.Equal(HttpStatusCode.Created, created.StatusCode);
                await WaitForNoDeploymentsAsync(first.Client);
                using var second = await first.Client.PutAsync("v2/apps/pruned", Json(App("sleep 102")));
                Assert.Equal(HttpStatusCode.OK, second.StatusCode);
                await WaitForNoDeploymentsAsync(first.Client);
                versionsBefore = await VersionsAsync(first.Client);
                Assert.Equal(2, versionsBefore.Count);

                await Assert.ThrowsAnyAsync<HttpRequestException>(() => first.Client.PutAsync("v2/apps/pruned", Json(App("sleep 103"))));
                await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
            }

            await using var restarted = await RuntimeProcess.StartAsync(port, arguments);
            var versionsAfterCrash = await VersionsAsync(restarted.Client);
            var oldest = await restarted.Client.GetAsync("v2/apps/pruned/versions/" + versionsBefore[^1]);
            var app = (await restarted.Client.GetFromJsonAsync<JsonNode>("v2/apps/pruned"))!["app"]!;

            Assert.Equal(versionsBefore, versionsAfterCrash);
            Assert.Equal(HttpStatusCode.OK, oldest.StatusCode);
            Assert.Equal("sleep 102", (string?)app["cmd"]);

            await WaitForNoDeploymentsAsync(restarted.Client);
            using var retry = await restarted.Client.PutAsync("v2/apps/pruned", Json(App("sleep 103")));
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
            var versionsAfterRetry = await VersionsAsync(restarted.Client);
            using var pruned = await restarted.Client.GetAsync("v2/apps/pruned/versions/" + versionsBefore[^1]);

            Assert.Equal(2, versionsAfterRetry.Count);
            Assert.Equal(versionsBefore[0], versionsAfterRetry[1]);
            Assert.Equal(HttpStatusCode.NotFound, pruned.StatusCode);
        }
        finally
        {
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    private static string App(string cmd) => $$"""{"id":"/pruned","cmd":"{{cmd}}","cpus":0.1,"mem":16}""";

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<List<string>> VersionsAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<JsonNode>("v2/apps/pruned/versions"))!["versions"]!.AsArray().Select(v => (string)v!)];

    private static Task WaitForNoDeploymentsAsync(HttpClient client) =>
        RuntimeTestHost.WaitUntilAsync(async () => (await client.GetFromJsonAsync<JsonArray>("v2/deployments"))!.Count == 0, "no deployments");
}
