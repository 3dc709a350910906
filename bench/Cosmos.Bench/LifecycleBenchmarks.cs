using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Microsoft.Extensions.DependencyInjection;
using Universe.Cosmos.Marathon;
using Universe.Cosmos.Rendering;
using Universe.Cosmos.Services.Lifecycle;
using Universe.Cosmos.Services.Wire;

namespace Universe.Cosmos.Bench;

/// <summary>
/// <c>POST /service/history</c> of a service with 20 revisions (web-server installed with 0 instances, then 19 option
/// updates; target &lt; 20 ms) and <c>POST /service/diff</c> (target &lt; 10 ms plus render), over loopback HTTP against
/// a real Cosmos with its bundled Runtime; <see cref="DiffComputeOnly"/> is the comparison alone (JSON diff and unified
/// diff of two rendered apps, no HTTP, no rendering); <see cref="History20RevisionsColdCache"/> fetches all 20 versions. Run:
/// <c>dotnet run -c Release --project bench/Cosmos.Bench -- --filter '*LifecycleBenchmarks*'</c>.
/// </summary>
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class LifecycleBenchmarks
{
    private const string AppId = "/bench/lifecycle";

    private InstallCosmosHost _host = null!;
    private HttpClient _client = null!;
    private JsonObject _before = null!;
    private JsonObject _after = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _host = await InstallCosmosHost.StartAsync();
        _client = new HttpClient { BaseAddress = _host.Address, Timeout = TimeSpan.FromSeconds(30) };
        await RpcAsync("/package/install", "package.install", "v2", $$$$"""{"packageName":"web-server","packageVersion":"1.0.0","appId":"{{{{AppId}}}}","options":{"service":{"instances":0},"web":{"greeting":"g0"}}}""");
        for (var i = 1; i < 20; i++)
        {
            await RpcAsync("/service/update", "service.update", "v1", $$$$"""{"appId":"{{{{AppId}}}}","replace":false,"options":{"web":{"greeting":"g{{{{i}}}}"}}}""");
        }

        var history = await RpcAsync("/service/history", "service.history", "v1", $$$$"""{"appId":"{{{{AppId}}}}"}""");
        var count = history["revisions"]!.AsArray().Count;
        if (count != 20)
        {
            throw new InvalidOperationException($"expected 20 revisions, got {count}");
        }

        var app = JsonNode.Parse(await _client.GetStringAsync(new Uri("/marathon/v2/apps" + AppId, UriKind.Relative)))!["app"]!.AsObject();
        _before = Redeploy.Body(app);
        _after = (JsonObject)_before.DeepClone();
        _after["env"]!["GREETING"] = "changed";
        _after["labels"]!["DCOS_PACKAGE_OPTIONS"] = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"web":{"greeting":"changed"}}"""));
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await RpcAsync("/package/uninstall", "package.uninstall", "v1", $$$$"""{"packageName":"web-server","appId":"{{{{AppId}}}}"}""");
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Benchmark]
    public Task<JsonObject> History20Revisions() =>
        RpcAsync("/service/history", "service.history", "v1", $$$$"""{"appId":"{{{{AppId}}}}"}""");

    /// <summary>The same history with an empty version cache: every one of the 20 versions fetched from Marathon (in-process call, no Cosmos HTTP hop).</summary>
    [Benchmark]
    public async Task<int> History20RevisionsColdCache()
    {
        var services = _host.Services ?? throw new InvalidOperationException("needs the in-bench Cosmos");
        var history = new ServiceHistory(services.GetRequiredService<IMarathonClient>(), services.GetRequiredService<IPackageRenderer>());
        return (await history.HistoryAsync(new ServiceHistoryRequest(AppId), CancellationToken.None)).Revisions.Count;
    }

    [Benchmark]
    public Task<JsonObject> DiffOptions() =>
        RpcAsync("/service/diff", "service.diff", "v1", $$$$"""{"appId":"{{{{AppId}}}}","options":{"web":{"greeting":"changed"}}}""");

    [Benchmark]
    public Task<JsonObject> DiffUpgrade() =>
        RpcAsync("/service/diff", "service.diff", "v1", $$$$"""{"appId":"{{{{AppId}}}}","packageVersion":"1.1.0"}""");

    [Benchmark]
    public int DiffComputeOnly() =>
        JsonDiff.Compute(_before, _after).Count + UnifiedDiff.Compute(ServiceDiffer.Pretty(_before), ServiceDiffer.Pretty(_after)).Length;

    private async Task<JsonObject> RpcAsync(string path, string kind, string responseVersion, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.TryAddWithoutValidation("Accept", $"application/vnd.dcos.{kind}-response+json;charset=utf-8;version={responseVersion}");
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        request.Content.Headers.TryAddWithoutValidation("Content-Type", $"application/vnd.dcos.{kind}-request+json;charset=utf-8;version=v1");
        using var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(text)!.AsObject()
            : throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {text}");
    }
}
