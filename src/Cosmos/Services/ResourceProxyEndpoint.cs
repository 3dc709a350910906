using System.Net;
using Microsoft.Net.Http.Headers;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Marathon.Errors;
using Universe.Cosmos.Services.Errors;

namespace Universe.Cosmos.Services;

/// <summary>
/// <c>GET /package/resource?url=</c>: streams a URL listed in a known package's resource; 403 for anything else.
/// Package content is hostile input served on Cosmos's (and the GUI's) origin, so every answer carries
/// <c>X-Content-Type-Options: nosniff</c> and <c>Content-Security-Policy: sandbox; default-src 'none'</c> (no script runs,
/// SVG included), <c>data:</c> URLs are served only for image types, and proxied content that is not an image is an
/// attachment.
/// </summary>
internal static partial class ResourceProxyEndpoint
{
    private const string ServiceName = "ResourceProxyHandler$";

    public static async Task HandleAsync(HttpContext http, ResourceProxy proxy, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var raw = RawUrlParameter(http.Request.QueryString.Value);
        var decoded = http.Request.Query["url"].ToString();
        string[] candidates = raw is null ? [decoded] : [raw, decoded];
        var uri = await proxy.FindAllowedAsync(candidates, cancellationToken);
        if (uri is null)
        {
            await CosmosErrorWriter.WriteAsync(http, new Forbidden(ServiceName, decoded), cancellationToken);
            return;
        }

        if (uri.Scheme == "data")
        {
            await WriteDataAsync(http, uri, cancellationToken);
            return;
        }

        HttpResponseMessage upstream;
        try
        {
            upstream = await proxy.OpenAsync(uri, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogFetchFailed(loggers.CreateLogger(typeof(ResourceProxyEndpoint)), e, uri.GetLeftPart(UriPartial.Path));
            await CosmosErrorWriter.WriteAsync(http, new EndpointUriConnection(uri.OriginalString, e.Message), cancellationToken);
            return;
        }

        using (upstream)
        {
            if (upstream.StatusCode != HttpStatusCode.OK || upstream.Content.Headers.ContentLength == 0)
            {
                await CosmosErrorWriter.WriteAsync(http, new GenericHttpError("GET", uri.OriginalString, (int)upstream.StatusCode), cancellationToken);
                return;
            }

            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = upstream.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
            http.Response.Headers.ContentDisposition = Disposition(uri);
            AddSandboxHeaders(http.Response);
            await using var body = await upstream.Content.ReadAsStreamAsync(cancellationToken);
            await body.CopyToAsync(http.Response.Body, cancellationToken);
        }
    }

    private static async Task WriteDataAsync(HttpContext http, Uri uri, CancellationToken cancellationToken)
    {
        if (!DataUri.TryParse(uri.OriginalString, out var data) || data is null)
        {
            await CosmosErrorWriter.WriteAsync(http, new GenericHttpError("GET", "data:", 400), cancellationToken);
            return;
        }

        if (!IsImage(data.MediaType))
        {
            await CosmosErrorWriter.WriteAsync(http, new Forbidden(ServiceName, "data:" + MediaTypeOnly(data.MediaType)), cancellationToken);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = data.MediaType;
        AddSandboxHeaders(http.Response);
        http.Response.Headers.CacheControl = "public, max-age=86400";
        await http.Response.Body.WriteAsync(data.Content, cancellationToken);
    }

    /// <summary>True for <c>image/*</c> media types (parameters ignored).</summary>
    internal static bool IsImage(string mediaType) =>
        MediaTypeOnly(mediaType).StartsWith("image/", StringComparison.OrdinalIgnoreCase) && MediaTypeOnly(mediaType).Length > "image/".Length;

    private static string MediaTypeOnly(string mediaType) => mediaType.Split(';', 2)[0].Trim();

    private static void AddSandboxHeaders(HttpResponse response)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
    }

    /// <summary>The <c>url</c> query value exactly as sent (not percent-decoded), or null.</summary>
    internal static string? RawUrlParameter(string? queryString)
    {
        if (string.IsNullOrEmpty(queryString))
        {
            return null;
        }

        foreach (var part in queryString.TrimStart('?').Split('&'))
        {
            if (part.StartsWith("url=", StringComparison.Ordinal))
            {
                return part[4..];
            }
        }

        return null;
    }

    /// <summary><c>attachment; filename="&lt;last non-empty path segment&gt;"</c> (RFC 6266 <c>filename*</c> when it is not plain ASCII).</summary>
    private static string Disposition(Uri uri)
    {
        var name = Uri.UnescapeDataString(uri.Segments.Select(s => s.Trim('/')).LastOrDefault(s => s.Length > 0) ?? "resource");
        if (name.All(c => c is >= ' ' and < (char)127 and not '"' and not '\\'))
        {
            return $"attachment; filename=\"{name}\"";
        }

        var header = new ContentDispositionHeaderValue("attachment");
        header.SetHttpFileName(name);
        return header.ToString();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resource fetch failed for {Url}")]
    private static partial void LogFetchFailed(ILogger logger, Exception exception, string url);
}
