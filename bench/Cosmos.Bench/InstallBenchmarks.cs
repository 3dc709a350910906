using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace Universe.Cosmos.Bench;

/// <summary>
/// <c>POST /package/install</c> against a running Cosmos hosting the bundled Runtime, over loopback HTTP; every
/// iteration installs the <c>ticker</c> package under a fresh app id (a real process) and uninstalls it afterwards
/// (not measured). <see cref="InstallToResponse"/>: time to the install response (target: median &lt; 50 ms).
/// <see cref="InstallToFirstTaskRunning"/>: until the app's first task is TASK_RUNNING (target: &lt; 1 s). Run:
/// <c>dotnet run -c Release --project bench/Cosmos.Bench -- --filter '*InstallBenchmarks*'</c> (set
/// <c>INSTALL_BENCH_COSMOS_URL</c> to measure an already running Cosmos with its bundled Runtime instead).
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 3, iterationCount: 25)]
[InvocationCount(1)]
public class InstallBenchmarks
{
    private const string InstallRequest = "application/vnd.dcos.package.install-request+json;charset=utf-8;version=v1";
    private const string InstallResponse = "application/vnd.dcos.package.install-response+json;charset=utf-8;version=v2";

    private InstallCosmosHost _host = null!;
    private HttpClient _client = null!;
    private int _sequence;
    private string _appId = string.Empty;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _host = await InstallCosmosHost.StartAsync();
        _client = new HttpClient { BaseAddress = _host.Address, Timeout = TimeSpan.FromSeconds(30) };
        await InstallAsync("/bench/warmup");
        await WaitForRunningAsync("/bench/warmup");
        await UninstallAsync("/bench/warmup");
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [IterationSetup]
    public void NextAppId() => _appId = $"/bench/ticker-{Interlocked.Increment(ref _sequence)}";

    [IterationCleanup]
    public void Uninstall() => UninstallAsync(_appId).GetAwaiter().GetResult();

    [Benchmark]
    public Task InstallToResponse() => InstallAsync(_appId);

    [Benchmark]
    public async Task InstallToFirstTaskRunning()
    {
        await InstallAsync(_appId);
        await WaitForRunningAsync(_appId);
    }

    private async Task InstallAsync(string appId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/package/install");
        request.Headers.TryAddWithoutValidation("Accept", InstallResponse);
        var body = new JsonObject { ["packageName"] = "ticker", ["appId"] = appId, ["options"] = new JsonObject { ["ticker"] = new JsonObject { ["interval"] = 60 } } };
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString()));
        request.Content.Headers.TryAddWithoutValidation("Content-Type", InstallRequest);
        using var response = await _client.SendAsync(request);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"install {appId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private async Task WaitForRunningAsync(string appId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var body = JsonNode.Parse(await _client.GetStringAsync(new Uri($"/marathon/v2/apps{appId}/tasks", UriKind.Relative)));
            if (body?["tasks"] is JsonArray tasks && tasks.Any(t => t?["state"]?.GetValue<string>() == "TASK_RUNNING"))
            {
                return;
            }

            await Task.Delay(2);
        }

        throw new TimeoutException($"{appId}: no TASK_RUNNING within 30 s");
    }

    private async Task UninstallAsync(string appId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/package/uninstall");
        request.Headers.TryAddWithoutValidation("Accept", "application/vnd.dcos.package.uninstall-response+json;charset=utf-8;version=v1");
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes($$"""{"packageName":"ticker","appId":"{{appId}}"}"""));
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/vnd.dcos.package.uninstall-request+json;charset=utf-8;version=v1");
        using var response = await _client.SendAsync(request);
    }
}
