using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Universe.Cosmos.Testing;
using Universe.Cosmos.Tests.EndToEnd;

namespace Universe.Cosmos.Tests.Gui;

/// <summary>
/// A real Cosmos (Kestrel on a free 127.0.0.1 port, as <c>Program.cs</c> builds it) with the bundled Runtime running
/// tasks as real processes: the browser needs a socket. Dispose deletes every app it runs, waits for their tasks to
/// end, stops the server and deletes its data directory.
/// </summary>
internal sealed class GuiHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GuiHost(WebApplication app, Uri baseAddress, string dataDirectory)
    {
        _app = app;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(20) };
    }

    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    public HttpClient Http { get; }

    public string Url(string relative) => new Uri(BaseAddress, relative).ToString();

    /// <summary>Starts Cosmos with <paramref name="repository"/> as its default repository (the bundled universe when null).</summary>
    public static async Task<GuiHost> StartAsync(string? repository = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var data = Path.Combine(Path.GetTempPath(), "cosmos-gui-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var configuration = new Dictionary<string, string?>
        {
            ["Cosmos:DataDirectory"] = data,
            ["Cosmos:DefaultRepositoryUri"] = repository ?? Services.BundledUniverse.RootPath,
            ["Runtime:AllocationIntervalMilliseconds"] = "100",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var (app, baseAddress) = await LoopbackCosmos.StartAsync(data, configuration);
        return new GuiHost(app, baseAddress, data);
    }

    /// <summary>POSTs a Cosmos RPC with its vendor media types; returns the status and the raw body.</summary>
    public async Task<(HttpStatusCode Status, string Body)> RpcRawAsync(string path, string requestKind, string responseKind, JsonObject body, string version = "v1")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path.TrimStart('/'), UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Accept", $"application/vnd.dcos.{responseKind}+json;charset=utf-8;version={version}");
        request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse($"application/vnd.dcos.{requestKind}+json;charset=utf-8;version=v1");
        using var response = await Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>POSTs a Cosmos RPC that must succeed; returns the parsed body.</summary>
    public async Task<JsonNode> RpcAsync(string path, string requestKind, string responseKind, JsonObject body, string version = "v1")
    {
        var (status, text) = await RpcRawAsync(path, requestKind, responseKind, body, version);
        Assert.True(status == HttpStatusCode.OK, $"{path}: {(int)status} {text}");
        return JsonNode.Parse(text)!;
    }

    /// <summary>GET on the bundled Marathon API.</summary>
    public async Task<JsonNode?> MarathonAsync(string relative)
    {
        using var response = await Http.GetAsync(new Uri("marathon/" + relative, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK && text.Length > 0 ? JsonNode.Parse(text) : null;
    }

    /// <summary>Waits until Marathon runs no task of <paramref name="appId"/> (or of any app when null).</summary>
    public Task WaitForNoTasksAsync(string? appId, TimeSpan timeout) =>
        Poll.UntilAsync($"no task of {appId ?? "any app"} left", timeout, async () =>
        {
            var tasks = (await MarathonAsync("v2/tasks"))?["tasks"]?.AsArray() ?? [];
            return tasks.Any(t => appId is null || t?["appId"]?.GetValue<string>() == appId) ? null : "none";
        });

    public async ValueTask DisposeAsync()
    {
        try
        {
            var apps = (await MarathonAsync("v2/apps"))?["apps"]?.AsArray() ?? [];
            foreach (var app in apps)
            {
                var id = app!["id"]!.GetValue<string>().TrimStart('/');
                using var deleted = await Http.DeleteAsync(new Uri($"marathon/v2/apps/{id}?force=true", UriKind.Relative));
            }

            await WaitForNoTasksAsync(null, TimeSpan.FromSeconds(20));
        }
        finally
        {
            Http.Dispose();
            await _app.StopAsync();
            await _app.DisposeAsync();
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
