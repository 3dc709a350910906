using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Universe.Cosmos.Tests.TestSupport;

namespace Universe.Cosmos.Tests.Repositories;

/// <summary>
/// A real Kestrel server on 127.0.0.1:0 serving repository documents. Each path answers with a <see cref="Document"/>
/// (body, Content-Type, Content-Encoding, ETag; 304 for a matching If-None-Match) or a bare status / redirect.
/// </summary>
internal sealed class RepoHttpServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Document> _documents = new(StringComparer.Ordinal);
    private LoopbackServer _server = null!;

    public ConcurrentQueue<string> Requests { get; } = new();

    public int NotModifiedCount => _notModified;

    public Uri BaseAddress => _server.BaseAddress;

    private int _notModified;

    public static async Task<RepoHttpServer> StartAsync()
    {
        var server = new RepoHttpServer();
        server._server = await LoopbackServer.StartAsync(app => app.Run(server.HandleAsync));
        return server;
    }

    public string Url(string path) => new Uri(BaseAddress, path).AbsoluteUri;

    public void Set(string path, Document document) => _documents[path] = document;

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        Requests.Enqueue($"{path} {context.Request.Headers.IfNoneMatch}");
        if (!_documents.TryGetValue(path, out var document))
        {
            context.Response.StatusCode = 404;
            return;
        }

        if (document.Location is not null)
        {
            context.Response.StatusCode = 302;
            context.Response.Headers.Location = document.Location;
            return;
        }

        if (document.Status != 200)
        {
            context.Response.StatusCode = document.Status;
            return;
        }

        if (document.ETag is not null && context.Request.Headers.IfNoneMatch == document.ETag)
        {
            Interlocked.Increment(ref _notModified);
            context.Response.StatusCode = 304;
            return;
        }

        if (document.LastModified is not null && context.Request.Headers.IfModifiedSince == document.LastModified)
        {
            Interlocked.Increment(ref _notModified);
            context.Response.StatusCode = 304;
            return;
        }

        if (document.ETag is not null)
        {
            context.Response.Headers.ETag = document.ETag;
        }

        if (document.LastModified is not null)
        {
            context.Response.Headers.LastModified = document.LastModified;
        }

        if (document.ContentEncoding is not null)
        {
            context.Response.Headers.ContentEncoding = document.ContentEncoding;
        }

        context.Response.ContentType = document.ContentType;
        await context.Response.Body.WriteAsync(document.Body);
    }

    public sealed record Document(
        byte[] Body,
        string? ContentType = Universe.Cosmos.Packages.RepoMediaTypes.V5,
        string? ContentEncoding = null,
        string? ETag = null,
        int Status = 200,
        string? Location = null,
        string? LastModified = null);
}
