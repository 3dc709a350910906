using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Universe.Runtime.Hosting;

namespace Universe.Runtime.Tests.TestSupport;

/// <summary>
/// A real standalone Runtime (the executable's services and pipeline) on 127.0.0.1:0 with its own data directory. By default one simulated
/// agent and no local agent; <see cref="StartAsync"/> takes extra configuration.
/// </summary>
public sealed class RuntimeTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RuntimeTestHost(WebApplication app, HttpClient client, string dataDirectory, string prefix)
    {
        _app = app;
        Client = client;
        DataDirectory = dataDirectory;
        Prefix = prefix;
    }

    public HttpClient Client { get; }

    public string DataDirectory { get; }

    public string Prefix { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<RuntimeTestHost> StartAsync(
        IDictionary<string, string?>? settings = null, string prefix = "", string? dataDirectory = null)
    {
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "rtapi-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var config = new Dictionary<string, string?>
        {
            ["Runtime:DataDirectory"] = dataDirectory,
            ["Runtime:LocalAgent:Enabled"] = "false",
            ["Runtime:SimulatedAgents:Count"] = "1",
            ["Runtime:SimulatedAgents:Resources"] = "cpus:8;mem:16384;disk:100000;ports:[31000-32000]",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(config);
        builder.Logging.ClearProviders();
        builder.Services.AddStandaloneRuntime(builder.Configuration);
        var app = builder.Build();
        app.UseStandaloneRuntime(prefix);

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address + prefix + "/"), Timeout = TimeSpan.FromSeconds(30) };
        return new RuntimeTestHost(app, client, dataDirectory, prefix);
    }

    public async Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        await Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public async Task<HttpResponseMessage> PutJsonAsync(string path, string json) =>
        await Client.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    public async Task<JsonObject> GetAppAsync(string id) => (JsonObject)(await GetJsonAsync("v2/apps/" + id.TrimStart('/')))["app"]!;

    /// <summary>Polls (20 ms) until <paramref name="condition"/> holds; fails naming <paramref name="phase"/> after <paramref name="timeout"/>.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string phase, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for: {phase}");
            }

            await Task.Delay(20);
        }
    }

    public Task WaitForRunningAsync(string appId, int running, TimeSpan? timeout = null) =>
        WaitUntilAsync(async () => (int)(await GetAppAsync(appId))["tasksRunning"]! == running, $"{appId} has {running} running tasks", timeout);

    public Task WaitForNoDeploymentsAsync(TimeSpan? timeout = null) =>
        WaitUntilAsync(async () => ((JsonArray)await GetJsonAsync("v2/deployments")).Count == 0, "all deployments finished", timeout);

    /// <summary>Stops the host (hosted services stop, the server closes); <see cref="DisposeAsync"/> still cleans up.</summary>
    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (Directory.Exists(DataDirectory))
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
