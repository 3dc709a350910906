using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Universe.Runtime.Tests.TestSupport;

namespace Universe.Runtime.Tests.Durability;

/// <summary>A crash in the middle of a deployment commit leaves all of it or none of it on disk.</summary>
public sealed class CommitCrashTests
{
    private const string Group = """
        {"id":"/prod","apps":[
          {"id":"/prod/a","cmd":"sleep 100","cpus":0.1,"mem":16},
          {"id":"/prod/b","cmd":"sleep 100","cpus":0.1,"mem":16},
          {"id":"/prod/c","cmd":"sleep 100","cpus":0.1,"mem":16}]}
        """;

    [Fact]
    public async Task SigKill_MidGroupDeploymentCommit_RestartFindsNoneOfItThenAllOfIt()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "rtapi-tests", Guid.NewGuid().ToString("N"));
        var port = RuntimeProcess.FreePort();
        string[] arguments = [$"--Runtime:DataDirectory={dataDirectory}", "--Runtime:LocalAgent:Enabled=false", "--Runtime:SimulatedAgents:Count=1"];
        try
        {
            await using (var first = await RuntimeProcess.StartAsync(port, [.. arguments, "--Runtime:FaultInjection:KillDuringCommitAfterWrites=5"]))
            {
                using var before = await first.Client.PostAsync("v2/apps", Json("""{"id":"/before","cmd":"sleep 100","cpus":0.1,"mem":16}"""));
                Assert.Equal(HttpStatusCode.Created, before.StatusCode);

                await Assert.ThrowsAnyAsync<HttpRequestException>(() => first.Client.PutAsync("v2/groups/prod", Json(Group)));
                await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
            }

            await using var second = await RuntimeProcess.StartAsync(port, arguments);
            var appsAfterCrash = await AppIdsAsync(second.Client);
            using var groupAfterCrash = await second.Client.GetAsync("v2/groups/prod");
            using var deploymentsAfterCrash = await second.Client.GetAsync("v2/deployments");
            using var retry = await second.Client.PutAsync("v2/groups/prod", Json(Group));
            var appsAfterRetry = await AppIdsAsync(second.Client);

            Assert.Equal(["/before"], appsAfterCrash);
            Assert.Equal(HttpStatusCode.NotFound, groupAfterCrash.StatusCode);
            Assert.DoesNotContain("/prod", await deploymentsAfterCrash.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
            Assert.Equal(["/before", "/prod/a", "/prod/b", "/prod/c"], appsAfterRetry);
        }
        finally
        {
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<List<string>> AppIdsAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<JsonNode>("v2/apps"))!["apps"]!.AsArray().Select(a => (string)a!["id"]!).Order(StringComparer.Ordinal)];
}
