using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Universe.Testing.Registry;

/// <summary>How <see cref="FaultyHttpServer"/> misbehaves on one path.</summary>
public sealed record FaultBehavior
{
    /// <summary>The first this-many requests get 500.</summary>
    public int FailFirst { get; init; }

    /// <summary>Status of those failures (500 by default).</summary>
    public int FailStatus { get; init; } = 500;

    /// <summary>When set, the first <see cref="CutTimes"/> successful responses are cut (connection aborted) after this many body bytes.</summary>
    public long? CutAfterBytes { get; init; }

    /// <summary>How many responses are cut.</summary>
    public int CutTimes { get; init; } = 1;

    /// <summary>Ignore <c>Range</c> and always send the whole body with 200.</summary>
    public bool IgnoreRange { get; init; }

    /// <summary>Send the body in 16 KiB chunks with this delay between them.</summary>
    public TimeSpan? ChunkDelay { get; init; }

    /// <summary>Content-Type of the response.</summary>
    public string ContentType { get; init; } = "application/octet-stream";

    /// <summary>Extra response headers (e.g. <c>Docker-Content-Digest</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// A strong ETag (with its quotes) sent with the content; with it the server answers <c>If-None-Match</c> with 304
    /// and honours <c>If-Range</c> (a Range whose If-Range does not match gets the whole body with 200), as real origins do.
    /// </summary>
    public string? ETag { get; init; }

    /// <summary><c>Last-Modified</c> sent with the content; answers <c>If-Modified-Since</c> (without If-None-Match) with 304.</summary>
    public DateTimeOffset? LastModified { get; init; }

    /// <summary>Never answer (the request hangs until the client gives up).</summary>
    public bool Stall { get; init; }

    /// <summary>Answer every request with 206 and the body from byte 5 on, whatever range was asked (a broken cache or origin).</summary>
    public bool WrongPartial { get; init; }

    /// <summary>Answer with <see cref="RedirectStatus"/> and this <c>Location</c> instead of the content.</summary>
    public string? RedirectTo { get; init; }

    /// <summary>The status of a redirect (302 by default).</summary>
    public int RedirectStatus { get; init; } = 302;

    /// <summary>After the first cut response, serve this content instead (the file changed upstream while a download was resuming).</summary>
    public byte[]? ContentAfterCut { get; init; }
}

/// <summary>One request <see cref="FaultyHttpServer"/> answered: path (no query), status, and the Range / conditional headers it carried.</summary>
public sealed record ServedRequest(string Method, string Path, int Status, string Range, string IfNoneMatch, string IfModifiedSince)
{
    /// <summary>The credentials headers it carried (<c>Authorization</c>, <c>Proxy-Authorization</c>), empty when none.</summary>
    public string Authorization { get; init; } = string.Empty;

    /// <inheritdoc cref="Authorization"/>
    public string ProxyAuthorization { get; init; } = string.Empty;
}

/// <summary>
/// A hand-written loopback HTTP server (Kestrel on 127.0.0.1:0) for the failure cases a real server will not produce
/// on demand: 500s, connections cut mid-body, slow bodies, stalls, servers that ignore <c>Range</c>, wrong content. It
/// honours <c>Range: bytes=N-</c> with 206 (and <c>If-Range</c>, <c>If-None-Match</c>, <c>If-Modified-Since</c> for
/// content served with validators) and answers <c>/v2/</c> with 200, so it can also play a registry or an asset origin.
/// </summary>
public sealed class FaultyHttpServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, (byte[] Content, FaultBehavior Behavior)> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string?>> _ranges = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _cuts = new(StringComparer.Ordinal);
    private WebApplication? _app;

    /// <summary><c>http://127.0.0.1:&lt;port&gt;/</c>.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary><c>127.0.0.1:&lt;port&gt;</c>.</summary>
    public string Host => BaseUri.Authority;

    /// <summary>
    /// Starts a server with no routes (404 everywhere but <c>/v2/</c>); with <paramref name="certificate"/> it speaks
    /// HTTPS only (see <see cref="CreateLoopbackCertificate"/>).
    /// </summary>
    public static async Task<FaultyHttpServer> StartAsync(X509Certificate2? certificate = null)
    {
        var server = new FaultyHttpServer();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (certificate is null)
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(h => h.ServerCertificate = certificate));
            builder.WebHost.UseUrls("https://127.0.0.1:0");
        }

        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server._app = app;
        server.BaseUri = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return server;
    }

    /// <summary>A self-signed certificate for 127.0.0.1/localhost with its private key, and its PEM (for a CA file).</summary>
    public static (X509Certificate2 Certificate, string Pem) CreateLoopbackCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        var exportable = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
        return (exportable, created.ExportCertificatePem());
    }

    /// <summary>Serves <paramref name="content"/> at <paramref name="path"/> (GET and HEAD) with <paramref name="behavior"/>.</summary>
    public void Serve(string path, byte[] content, FaultBehavior? behavior = null) => _routes[path] = (content, behavior ?? new FaultBehavior());

    /// <summary>Every answered request, in the order the answers started (a stalled request is not in it).</summary>
    public ConcurrentQueue<ServedRequest> Requests { get; } = new();

    /// <summary>How many requests reached <paramref name="path"/>.</summary>
    public int RequestCount(string path) => _counts.GetValueOrDefault(path);

    /// <summary>The <c>Range</c> header of each request to <paramref name="path"/> (null when absent), in order.</summary>
    public IReadOnlyList<string?> RangeHeaders(string path) => _ranges.TryGetValue(path, out var q) ? [.. q] : [];

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        _counts.AddOrUpdate(path, 1, (_, n) => n + 1);
        _ranges.GetOrAdd(path, _ => new ConcurrentQueue<string?>()).Enqueue(context.Request.Headers.Range.Count > 0 ? context.Request.Headers.Range.ToString() : null);
        context.Response.OnStarting(() =>
        {
            Requests.Enqueue(new ServedRequest(
                context.Request.Method,
                path,
                context.Response.StatusCode,
                context.Request.Headers.Range.ToString(),
                context.Request.Headers.IfNoneMatch.ToString(),
                context.Request.Headers.IfModifiedSince.ToString())
            {
                Authorization = context.Request.Headers.Authorization.ToString(),
                ProxyAuthorization = context.Request.Headers.ProxyAuthorization.ToString(),
            });
            return Task.CompletedTask;
        });
        if (path == "/v2/" && !_routes.ContainsKey(path))
        {
            context.Response.StatusCode = 200;
            await context.Response.WriteAsync("{}");
            return;
        }

        if (!_routes.TryGetValue(path, out var route))
        {
            context.Response.StatusCode = 404;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"errors":[{"code":"BLOB_UNKNOWN","message":"not here"}]}""");
            return;
        }

        var (content, behavior) = route;
        if (_failures.AddOrUpdate(path, 1, (_, n) => n + 1) <= behavior.FailFirst)
        {
            context.Response.StatusCode = behavior.FailStatus;
            if (behavior.Headers.TryGetValue("Retry-After", out var retryAfter))
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            await context.Response.WriteAsync("failure injected");
            return;
        }

        if (behavior.RedirectTo is { } location)
        {
            context.Response.StatusCode = behavior.RedirectStatus;
            context.Response.Headers.Location = location;
            return;
        }

        if (behavior.Stall)
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        if (behavior.ETag is { } etag)
        {
            context.Response.Headers.ETag = etag;
        }

        if (behavior.LastModified is { } modified)
        {
            context.Response.Headers.LastModified = modified.ToString("R", CultureInfo.InvariantCulture);
        }

        if (NotModified(context.Request, behavior))
        {
            context.Response.StatusCode = 304;
            return;
        }

        long start = 0;
        var range = context.Request.Headers.Range.ToString();
        if (behavior.WrongPartial && content.Length > 5)
        {
            start = 5;
            context.Response.StatusCode = 206;
            context.Response.Headers.ContentRange = $"bytes {start}-{content.Length - 1}/{content.Length}";
        }
        else if (!behavior.IgnoreRange && RangeStillValid(context.Request, behavior) && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-')
            && long.TryParse(range[6..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var from))
        {
            if (from >= content.Length)
            {
                context.Response.StatusCode = 416;
                context.Response.Headers.ContentRange = $"bytes */{content.Length}";
                return;
            }

            start = from;
            context.Response.StatusCode = 206;
            context.Response.Headers.ContentRange = $"bytes {start}-{content.Length - 1}/{content.Length}";
        }
        else
        {
            context.Response.StatusCode = 200;
        }

        context.Response.ContentType = behavior.ContentType;
        context.Response.ContentLength = content.Length - start;
        foreach (var (name, value) in behavior.Headers)
        {
            context.Response.Headers[name] = value;
        }

        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        var cut = behavior.CutAfterBytes is not null && _cuts.AddOrUpdate(path, 1, (_, n) => n + 1) <= behavior.CutTimes;
        var end = cut ? Math.Min(content.Length, start + behavior.CutAfterBytes!.Value) : content.Length;
        for (var offset = start; offset < end;)
        {
            var size = (int)Math.Min(16 * 1024, end - offset);
            await context.Response.Body.WriteAsync(content.AsMemory((int)offset, size), context.RequestAborted);
            offset += size;
            if (behavior.ChunkDelay is { } delay)
            {
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(delay, context.RequestAborted);
            }
        }

        if (cut)
        {
            await context.Response.Body.FlushAsync(context.RequestAborted);
            if (behavior.ContentAfterCut is { } changed)
            {
                _routes[path] = (changed, behavior with { ContentAfterCut = null });
            }

            context.Abort();
        }
    }

    private static bool NotModified(HttpRequest request, FaultBehavior behavior)
    {
        var match = request.Headers.IfNoneMatch.ToString();
        if (match.Length > 0)
        {
            return behavior.ETag is { } etag && (match.Trim() == "*" || match.Split(',').Any(m => m.Trim() == etag || m.Trim() == "W/" + etag));
        }

        return behavior.LastModified is { } modified
            && DateTimeOffset.TryParse(request.Headers.IfModifiedSince.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
            && modified <= since.AddSeconds(1);
    }

    private static bool RangeStillValid(HttpRequest request, FaultBehavior behavior)
    {
        var ifRange = request.Headers.IfRange.ToString();
        if (ifRange.Length == 0 || (behavior.ETag is null && behavior.LastModified is null))
        {
            return true;
        }

        return ifRange.StartsWith('"')
            ? behavior.ETag == ifRange
            : behavior.LastModified is { } modified
                && DateTimeOffset.TryParse(ifRange, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
                && Math.Abs((modified - date).TotalSeconds) < 1;
    }
}
