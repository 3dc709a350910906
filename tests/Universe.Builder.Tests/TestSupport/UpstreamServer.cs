using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Universe.Builder.Tests.TestSupport;

/// <summary>
/// A real upstream HTTP server (Kestrel on 127.0.0.1, free port) serving test files with ETag, Last-Modified, Range and
/// conditional requests, plus misbehaving paths: <c>/fail/*</c> (always 500), <c>/flaky/*</c> (500 twice, then the
/// file), <c>/slow/*</c> (trickles), <c>/cut/*</c> (the first answer stops half-way), <c>/stall/*</c> (never sends).
/// Every request is logged (path, status, Range, conditional headers).
/// </summary>
public sealed class UpstreamServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _types = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _modified = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private UpstreamServer(WebApplication app) => _app = app;

    public ConcurrentQueue<LoggedRequest> Requests { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    public static async Task<UpstreamServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new UpstreamServer(app);
        app.Map("/{**path}", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address + "/");
        return server;
    }

    /// <summary>Serves <paramref name="content"/> at <paramref name="path"/> (under any of the behaviour prefixes too).</summary>
    public void Add(string path, byte[] content, string contentType = "application/octet-stream")
    {
        _types[path.TrimStart('/')] = contentType;
        _files[path.TrimStart('/')] = content;
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    public int Hits(string path) => _hits.GetValueOrDefault(path.TrimStart('/'));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!.TrimStart('/');
        var hit = _hits.AddOrUpdate(path, 1, (_, n) => n + 1);
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        var behaviour = slash < 0 ? string.Empty : path[..slash];
        var name = behaviour is "fail" or "flaky" or "slow" or "cut" or "stall" ? path[(slash + 1)..] : path;
        context.Response.OnStarting(() =>
        {
            Requests.Enqueue(new LoggedRequest(
                context.Request.Method,
                path,
                context.Response.StatusCode,
                context.Request.Headers.Range.ToString(),
                context.Request.Headers.IfNoneMatch.ToString(),
                context.Request.Headers.IfModifiedSince.ToString()));
            return Task.CompletedTask;
        });
        if (!_files.TryGetValue(name, out var content))
        {
            context.Response.StatusCode = 404;
            return;
        }

        switch (behaviour)
        {
            case "fail":
            case "flaky" when hit <= 2:
                context.Response.StatusCode = 500;
                await context.Response.WriteAsync("upstream broke", context.RequestAborted);
                return;
            case "stall":
                await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return;
            case "cut" when hit == 1:
                context.Response.ContentLength = content.Length;
                context.Response.Headers.ETag = ETag(content);
                context.Response.Headers.LastModified = _modified.ToString("R");
                await context.Response.Body.WriteAsync(content.AsMemory(0, content.Length / 2), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                context.Abort();
                return;
            case "slow" when context.Request.Method == "GET":
                context.Response.ContentLength = content.Length;
                context.Response.Headers.ETag = ETag(content);
                for (var offset = 0; offset < content.Length; offset += 16 * 1024)
                {
                    await context.Response.Body.WriteAsync(content.AsMemory(offset, Math.Min(16 * 1024, content.Length - offset)), context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    await Task.Delay(40, context.RequestAborted);
                }

                return;
            default:
                await Results.Bytes(content, _types.GetValueOrDefault(name, "application/octet-stream"), lastModified: _modified, entityTag: new EntityTagHeaderValue(ETag(content)), enableRangeProcessing: true)
                    .ExecuteAsync(context);
                return;
        }
    }

    private static string ETag(byte[] content) => "\"" + Sha256(content)[..16] + "\"";
}

public sealed record LoggedRequest(string Method, string Path, int Status, string Range, string IfNoneMatch, string IfModifiedSince);
