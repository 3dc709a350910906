using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Http;

namespace Universe.Cosmos.Gui;

/// <summary>
/// The web GUI: <c>GET /</c> and the client routes (<c>/catalog…</c>, <c>/services…</c>, <c>/repositories…</c>) answer the
/// single page, <c>GET /gui/{file}</c> its static files, <c>GET /gui/settings</c> what the page needs to know first.
/// Open without a token (contract C5): nothing here reads or changes state.
/// </summary>
internal static class GuiEndpoints
{
    /// <summary>Only our own files run; package text can never add script, style, frames or form targets.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; " +
        "font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private const string IndexFile = "index.html";
    private static readonly string[] PageRoutes = ["/", "/catalog/{**rest}", "/services/{**rest}", "/repositories/{**rest}"];
    private static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];
    private static readonly string[] OtherMethods = [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete, HttpMethods.Options];

    public static IEndpointRouteBuilder MapGuiEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        foreach (var route in PageRoutes)
        {
            app.MapMethods(route, GetAndHead, ServePageAsync).AllowAnonymous();
        }

        app.MapMethods("/gui/settings", GetAndHead, ServeSettingsAsync).AllowAnonymous();
        app.MapMethods("/gui/{**path}", GetAndHead, ServeAssetAsync).AllowAnonymous();
        foreach (var route in PageRoutes.Append("/gui/{**path}"))
        {
            app.MapMethods(route, OtherMethods, RefuseMethodAsync).AllowAnonymous();
        }

        return app;
    }

    private static Task ServePageAsync(HttpContext http, GuiAssets assets, CancellationToken cancellationToken) =>
        ServeAsync(http, assets.Find(IndexFile) ?? throw new InvalidOperationException("The GUI's index.html is not embedded"), cancellationToken);

    private static Task ServeAssetAsync(string? path, HttpContext http, GuiAssets assets, CancellationToken cancellationToken) =>
        path is not null && assets.Find(path) is { } asset
            ? ServeAsync(http, asset, cancellationToken)
            : CosmosErrorWriter.WriteAsync(http, new GuiAssetNotFound(path ?? string.Empty), cancellationToken);

    private static Task RefuseMethodAsync(HttpContext http, CancellationToken cancellationToken)
    {
        http.Response.Headers.Allow = "GET, HEAD";
        return CosmosErrorWriter.WriteAsync(http, new GuiMethodNotAllowed(http.Request.Method, http.Request.Path.Value ?? "/"), cancellationToken);
    }

    private static async Task ServeSettingsAsync(
        HttpContext http, IOptions<CosmosOptions> options, IConfiguration configuration, IServer server, CancellationToken cancellationToken)
    {
        var tokenRequired = !string.IsNullOrEmpty(options.Value.Auth.Token)
            || !ListenAddresses.AreLoopbackOnly(server);
        var marathon = string.IsNullOrWhiteSpace(configuration["Cosmos:Marathon:Url"]) ? "/marathon" : null;
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new GuiSettings(tokenRequired, marathon));
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(http.Request.Method))
        {
            await http.Response.Body.WriteAsync(bytes, cancellationToken);
        }
    }

    private static async Task ServeAsync(HttpContext http, GuiAsset asset, CancellationToken cancellationToken)
    {
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers.CacheControl = "no-cache";
        headers.ETag = asset.ETag;
        headers.Vary = HeaderNames.AcceptEncoding;
        if (http.Request.Headers.IfNoneMatch.ToString().Split(',').Any(t => t.Trim() == asset.ETag))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var gzip = http.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
        var body = gzip ? asset.Gzip : asset.Content;
        if (gzip)
        {
            headers.ContentEncoding = "gzip";
        }

        http.Response.ContentType = asset.ContentType;
        http.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(http.Request.Method))
        {
            await http.Response.Body.WriteAsync(body, cancellationToken);
        }
    }
}
