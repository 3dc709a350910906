using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Universe.Builder.Serving;

namespace Universe.Builder.Tests.TestSupport;

/// <summary>The repo server of <c>universe serve</c> on a free loopback port, over a given source.</summary>
internal sealed class RepoServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RepoServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<RepoServer> StartAsync(IRepoSource source)
    {
        var app = ServeRunner.CreateApp(source, ["http://127.0.0.1:0"]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RepoServer(app, new Uri(address));
    }

    public HttpClient CreateClient() => new(new HttpClientHandler { AutomaticDecompression = System.Net.DecompressionMethods.None }) { BaseAddress = BaseAddress };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
