using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Universe.Cli.Tests.TestSupport;

/// <summary>
/// A tiny real Kestrel on 127.0.0.1:0 that answers canned responses (golden JSON) per method and path and
/// records every request, for runner tests that must not depend on Cosmos's own endpoints.
/// </summary>
internal sealed class StubServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<StubResponse>> _routes = new(StringComparer.Ordinal);

    private StubServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<StubServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new StubServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> (with query) with a fixed response.</summary>
    public void On(string method, string path, int status, string contentType, string body) =>
        _routes[$"{method} {path}"] = () => new StubResponse(status, contentType, body);

    public void On(string method, string path, Func<StubResponse> respond) => _routes[$"{method} {path}"] = respond;

    /// <summary>Answers a Cosmos RPC with a golden response file and its vendor media type.</summary>
    public void OnCosmos(string path, string goldenFile, string responseKind, string version = "v1") =>
        On("POST", path, 200, $"application/vnd.dcos.{responseKind}+json;charset=utf-8;version={version}", GoldenFiles.Read(goldenFile));

    /// <summary>Answers a Cosmos RPC with a golden error envelope.</summary>
    public void OnCosmosError(string path, string goldenFile, int status = 400) =>
        On("POST", path, status, "application/vnd.dcos.package.error+json;charset=utf-8;version=v1", GoldenFiles.Read(goldenFile));

    public RecordedRequest Single(string path) => Requests.Single(r => r.Path == path);

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var path = context.Request.Path.Value ?? "/";
        Requests.Enqueue(new RecordedRequest(
            context.Request.Method,
            path,
            context.Request.QueryString.Value ?? string.Empty,
            context.Request.ContentType,
            context.Request.Headers.Accept.ToString(),
            context.Request.Headers.Authorization.ToString(),
            body));
        if (!_routes.TryGetValue($"{context.Request.Method} {path}{context.Request.QueryString.Value}", out var respond)
            && !_routes.TryGetValue($"{context.Request.Method} {path}", out respond))
        {
            context.Response.StatusCode = 404;
            return;
        }

        var response = respond();
        context.Response.StatusCode = response.Status;
        context.Response.ContentType = response.ContentType;
        await context.Response.WriteAsync(response.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
