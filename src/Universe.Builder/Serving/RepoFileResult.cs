using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Universe.Builder.Serving;

/// <summary>
/// Writes one <see cref="ServedFile"/>: Content-Type, strong ETag, Last-Modified, <c>Cache-Control: no-cache</c>, gzip
/// when the client takes it (with its own ETag), 304 for a matching If-None-Match (or, without one, an
/// If-Modified-Since not older than the file), and no body for HEAD.
/// </summary>
public sealed class RepoFileResult(ServedFile file, DateTimeOffset lastModified, string vary) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var request = httpContext.Request;
        var response = httpContext.Response;
        var gzip = AcceptsGzip(request.Headers.AcceptEncoding.ToString());
        var etag = gzip ? file.GzipETag : file.ETag;
        var headers = response.Headers;
        headers.ETag = etag;
        headers.LastModified = lastModified.ToString("R", CultureInfo.InvariantCulture);
        headers.CacheControl = "no-cache";
        headers.Vary = vary;
        if (NotModified(request, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = file.File.ContentType;
        if (gzip)
        {
            headers.ContentEncoding = "gzip";
        }

        var body = gzip ? file.Gzip : null;
        response.ContentLength = body?.LongLength ?? file.File.Length;
        if (HttpMethods.IsHead(request.Method))
        {
            return;
        }

        var cancellationToken = httpContext.RequestAborted;
        if (body is not null)
        {
            await response.Body.WriteAsync(body, cancellationToken);
        }
        else
        {
            await file.File.WriteToAsync(response.Body, cancellationToken);
        }
    }

    private bool NotModified(HttpRequest request, string etag)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
                && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Tag.Equals(etag, StringComparison.Ordinal));
        }

        return DateTimeOffset.TryParseExact(request.Headers.IfModifiedSince.ToString(), "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
            && since >= lastModified;
    }

    private static bool AcceptsGzip(string acceptEncoding)
    {
        if (string.IsNullOrEmpty(acceptEncoding) || !StringWithQualityHeaderValue.TryParseList([acceptEncoding], out var codings))
        {
            return false;
        }

        var gzip = codings.FirstOrDefault(c => c.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase))
            ?? codings.FirstOrDefault(c => c.Value.Equals("*", StringComparison.Ordinal));
        return gzip is not null && (gzip.Quality ?? 1) > 0;
    }
}
