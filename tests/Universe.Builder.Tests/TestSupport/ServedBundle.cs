using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Universe.Builder.Bundles;

namespace Universe.Builder.Tests.TestSupport;

/// <summary><c>universe serve &lt;bundle&gt;</c> in-process on a free loopback port (http, or https with a certificate), with a request log.</summary>
public sealed class ServedBundle : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly BundleRepoSource _source;

    private ServedBundle(WebApplication app, BundleRepoSource source, Uri address)
    {
        _app = app;
        _source = source;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary><c>127.0.0.1:PORT</c>, the registry host images are rewritten to.</summary>
    public string Host => Address.Authority;

    public ConcurrentQueue<string> Requests { get; } = new();

    public static async Task<ServedBundle> StartAsync(string bundle, X509Certificate2? certificate = null, string? caFile = null)
    {
        var scheme = certificate is null ? "http" : "https";
        var source = new BundleRepoSource(bundle, new Uri("http://127.0.0.1/"), TimeProvider.System);
        var app = BundleServeRunner.CreateApp(source, [$"{scheme}://127.0.0.1:0"], certificate, caFile);
        var served = (ServedBundle?)null;
        app.Use(async (context, next) =>
        {
            served?.Requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
            await next();
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        source.PublicUrl = address;
        served = new ServedBundle(app, source, address);
        return served;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _source.Dispose();
    }
}
