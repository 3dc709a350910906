using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Universe.Cosmos.Catalog;
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
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = data });
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

        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddCosmos(builder.Configuration);
        var app = builder.Build();
        app.UseCosmosErrors();
        app.MapCosmos();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GuiHost(app, new Uri(address.TrimEnd('/') + "/"), data);
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
