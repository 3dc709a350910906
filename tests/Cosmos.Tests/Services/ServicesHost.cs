using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Universe.Cosmos.Marathon;
using Universe.Cosmos.Tests.Http;

namespace Universe.Cosmos.Tests.Services;

/// <summary>
/// Cosmos with the bundled universe and the bundled Runtime in one in-memory test server; the Marathon client
/// reaches the Runtime over HTTP through the test server (with <c>Cosmos:Marathon:Url</c> set, the real client is
/// used instead). <see cref="RealProcesses"/> false: the Runtime gets one
/// bookkeeping-only agent (tasks run at once, no processes).
/// </summary>
internal sealed class ServicesHost : IAsyncDisposable
{
    private readonly CosmosApplicationFactory _factory = new();
    private TestServerMarathon? _marathon;

    private readonly HttpClient? _externalMarathon;

    public ServicesHost(bool realProcesses = false, IReadOnlyDictionary<string, string?>? settings = null, string? repositoryUri = null)
    {
        RealProcesses = realProcesses;
        _factory.DefaultRepositoryUri = repositoryUri ?? BundledUniverse.RootPath;
        _factory.Settings["Runtime:AllocationIntervalMilliseconds"] = "50";
        if (!realProcesses)
        {
            _factory.Settings["Runtime:LocalAgent:Enabled"] = "false";
            _factory.Settings["Runtime:SimulatedAgents:Count"] = "1";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _factory.Settings[key] = value;
        }

        var external = settings?.ContainsKey("Cosmos:Marathon:Url") == true;
        if (external && settings!["Cosmos:Marathon:Url"] is { } url)
        {
            _externalMarathon = new HttpClient { BaseAddress = new Uri(url.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(10) };
        }

        _factory.ConfigureServices = services =>
        {
            if (external)
            {
                return;
            }

            _marathon = new TestServerMarathon(() => _factory.Server, settings?.GetValueOrDefault("Cosmos:Auth:Token"));
            services.RemoveAll<IMarathonHttpClientProvider>();
            services.AddSingleton<IMarathonHttpClientProvider>(_marathon);
        };
        Client = _factory.CreateClient();
    }

    public bool RealProcesses { get; }

    public HttpClient Client { get; }

    public string DataDirectory => _factory.DataDirectory;

    public IServiceProvider Services => _factory.Services;

    /// <summary>POSTs a Cosmos RPC with exact vendor media types; returns the status and the parsed body.</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body)> RpcAsync(
        string path, string requestKind, string responseKind, string responseVersion, object body, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.TryAddWithoutValidation("Accept", $"application/vnd.dcos.{responseKind}+json;charset=utf-8;version={responseVersion}");
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        var json = body as string ?? JsonSerializer.Serialize(body);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        request.Content.Headers.TryAddWithoutValidation("Content-Type", $"application/vnd.dcos.{requestKind}+json;charset=utf-8;version=v1");
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public Task<(HttpStatusCode Status, JsonNode? Body)> InstallAsync(object body, string version = "v2") =>
        RpcAsync("/package/install", "package.install-request", "package.install-response", version, body);

    public Task<(HttpStatusCode Status, JsonNode? Body)> UninstallAsync(object body) =>
        RpcAsync("/package/uninstall", "package.uninstall-request", "package.uninstall-response", "v1", body);

    public Task<(HttpStatusCode Status, JsonNode? Body)> ListAsync(object body) =>
        RpcAsync("/package/list", "package.list-request", "package.list-response", "v1", body);

    public Task<(HttpStatusCode Status, JsonNode? Body)> DescribeServiceAsync(object body) =>
        RpcAsync("/service/describe", "service.describe-request", "service.describe-response", "v1", body);

    public Task<(HttpStatusCode Status, JsonNode? Body)> UpdateServiceAsync(object body) =>
        RpcAsync("/service/update", "service.update-request", "service.update-response", "v1", body);

    public Task<(HttpStatusCode Status, JsonNode? Body)> HistoryAsync(object body) =>
        RpcAsync("/service/history", "service.history-request", "service.history-response", "v1", body);

    public Task<(HttpStatusCode Status, JsonNode? Body)> DiffAsync(object body) =>
        RpcAsync("/service/diff", "service.diff-request", "service.diff-response", "v1", body);

    public Task<(HttpStatusCode Status, JsonNode? Body)> RollbackAsync(object body) =>
        RpcAsync("/service/rollback", "service.rollback-request", "service.rollback-response", "v1", body);

    /// <summary>PUT on the Marathon API Cosmos uses (a change made outside Cosmos).</summary>
    public async Task<HttpStatusCode> MarathonPutAsync(string relative, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = _externalMarathon is { } external
            ? await external.PutAsync(new Uri(relative, UriKind.Relative), content)
            : await Client.PutAsync(new Uri("/marathon/" + relative, UriKind.Relative), content);
        return response.StatusCode;
    }

    /// <summary>GET on the Marathon API Cosmos uses: the bundled Runtime's or the external one (e.g. <c>v2/apps/web/tasks</c>).</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body)> MarathonGetAsync(string relative)
    {
        using var response = _externalMarathon is { } external
            ? await external.GetAsync(new Uri(relative, UriKind.Relative))
            : await Client.GetAsync("/marathon/" + relative);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        _externalMarathon?.Dispose();
        await _factory.DisposeAsync();
        _marathon?.Dispose();
    }
}
