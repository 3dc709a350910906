using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Universe.Builder.Build;
using Universe.Builder.Serving;
using Universe.Builder.Tests.TestSupport;
using Universe.Cosmos.Marathon;
using Universe.Cosmos.Tests.Http;
using Universe.Cosmos.Tests.Services;

namespace Universe.Builder.Tests.Serving;

/// <summary>
/// <c>universe serve</c> over the bundled universe tree on a loopback port; Cosmos (in process, bundled Runtime with a
/// simulated agent) adds <c>http://127.0.0.1:PORT/repo</c> as a repository, then searches, describes and installs from it.
/// </summary>
public sealed class CosmosEndToEndTests : IAsyncLifetime, IDisposable
{
    private TreeRepoSource _source = null!;
    private RepoServer _server = null!;
    private CosmosApplicationFactory _cosmos = null!;
    private TestServerMarathon? _marathon;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _source = new TreeRepoSource(Paths.BundledUniverse, DcosVersions.Default, TimeSpan.FromSeconds(1), TimeProvider.System);
        _server = await RepoServer.StartAsync(_source);
        _cosmos = new CosmosApplicationFactory { DefaultRepositoryUri = string.Empty };
        _cosmos.Settings["Runtime:LocalAgent:Enabled"] = "false";
        _cosmos.Settings["Runtime:SimulatedAgents:Count"] = "1";
        _cosmos.Settings["Runtime:AllocationIntervalMilliseconds"] = "50";
        _cosmos.ConfigureServices = services =>
        {
            _marathon = new TestServerMarathon(() => _cosmos.Server);
            services.RemoveAll<IMarathonHttpClientProvider>();
            services.AddSingleton<IMarathonHttpClientProvider>(_marathon);
        };
        _client = _cosmos.CreateClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _cosmos.DisposeAsync();
        await _server.DisposeAsync();
    }

    public void Dispose()
    {
        _marathon?.Dispose();
        _cosmos.Dispose();
        _source.Dispose();
    }

    [Fact]
    public async Task Cosmos_AddsServedRepo_SearchesDescribesAndInstallsFromIt()
    {
        var repoUri = new Uri(_server.BaseAddress, "/repo").ToString();

        var (addStatus, added) = await RpcAsync("/package/repository/add", "package.repository.add", "v1", new JsonObject { ["name"] = "served", ["uri"] = repoUri, ["index"] = 0 });
        var (searchStatus, search) = await RpcAsync("/package/search", "package.search", "v1", new JsonObject { ["query"] = "web-server" });
        var (describeStatus, describe) = await RpcAsync("/package/describe", "package.describe", "v3", new JsonObject { ["packageName"] = "web-server" });
        var (installStatus, installed) = await RpcAsync("/package/install", "package.install", "v2", new JsonObject { ["packageName"] = "web-server" });
        using var app = await _client.GetAsync(new Uri("/marathon/v2/apps/web-server", UriKind.Relative));
        var appJson = JsonNode.Parse(await app.Content.ReadAsStringAsync())!;

        Assert.True(addStatus == HttpStatusCode.OK, added?.ToJsonString());
        Assert.Contains(added!["repositories"]!.AsArray(), r => (string?)r!["uri"] == repoUri);
        Assert.True(searchStatus == HttpStatusCode.OK, search?.ToJsonString());
        Assert.Contains(search!["packages"]!.AsArray(), p => (string?)p!["name"] == "web-server");
        Assert.True(describeStatus == HttpStatusCode.OK, describe?.ToJsonString());
        Assert.Equal("web-server", (string?)describe!["package"]!["name"]);
        Assert.Equal(1L, (long)describe["package"]!["releaseVersion"]!);
        Assert.True(installStatus == HttpStatusCode.OK, installed?.ToJsonString());
        Assert.Equal("/web-server", (string?)installed!["appId"]);
        Assert.Equal(HttpStatusCode.OK, app.StatusCode);
        Assert.Equal(repoUri, (string?)appJson["app"]!["labels"]!["DCOS_PACKAGE_SOURCE"]);
    }

    private async Task<(HttpStatusCode Status, JsonNode? Body)> RpcAsync(string path, string kind, string responseVersion, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.TryAddWithoutValidation("Accept", $"application/vnd.dcos.{kind}-response+json;charset=utf-8;version={responseVersion}");
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString()));
        request.Content.Headers.TryAddWithoutValidation("Content-Type", $"application/vnd.dcos.{kind}-request+json;charset=utf-8;version=v1");
        using var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}
