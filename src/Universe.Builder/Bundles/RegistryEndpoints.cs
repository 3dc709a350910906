using System.Text.Json;
using Microsoft.Net.Http.Headers;
using Universe.Registry;

namespace Universe.Builder.Bundles;

/// <summary>
/// A read-only Docker Registry HTTP API v2 over the bundle's images: <c>/v2/</c>, <c>/v2/_catalog</c>,
/// <c>/v2/&lt;name&gt;/tags/list</c>, <c>/v2/&lt;name&gt;/manifests/&lt;tag|digest&gt;</c> (the index when the client
/// accepts one and the image has one, else the linux/amd64 manifest; <c>Docker-Content-Digest</c> and the stored media
/// type) and <c>/v2/&lt;name&gt;/blobs/&lt;digest&gt;</c> (with Range). GET and HEAD; writes answer 405 UNSUPPORTED.
/// </summary>
public static class RegistryEndpoints
{
    private const string ApiVersionHeader = "Docker-Distribution-API-Version";
    private const string DigestHeader = "Docker-Content-Digest";

    public static IEndpointRouteBuilder MapRegistryEndpoints(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Map("/v2", Root);
        app.Map("/v2/{**path}", DispatchAsync);
        return app;
    }

    private static IResult Root(HttpContext context)
    {
        context.Response.Headers[ApiVersionHeader] = "registry/2.0";
        return IsRead(context.Request) ? Results.Json(new { }) : Unsupported();
    }

    private static async Task<IResult> DispatchAsync(string path, HttpContext context, BundleRepoSource source, CancellationToken cancellationToken)
    {
        context.Response.Headers[ApiVersionHeader] = "registry/2.0";
        if (!IsRead(context.Request))
        {
            return Unsupported();
        }

        var view = await source.GetViewAsync(cancellationToken);
        if (path == "_catalog")
        {
            return Results.Json(new { repositories = view.RepositoryNames.ToArray() });
        }

        if (path.EndsWith("/tags/list", StringComparison.Ordinal))
        {
            var name = path[..^"/tags/list".Length];
            return view.Tags(name) is { } tags
                ? Results.Json(new { name, tags })
                : Error(404, "NAME_UNKNOWN", $"repository {name} is not in this bundle");
        }

        var manifests = path.LastIndexOf("/manifests/", StringComparison.Ordinal);
        if (manifests > 0)
        {
            return Manifest(context, view, path[..manifests], path[(manifests + "/manifests/".Length)..]);
        }

        var blobs = path.LastIndexOf("/blobs/", StringComparison.Ordinal);
        if (blobs > 0)
        {
            return Blob(view, path[..blobs], path[(blobs + "/blobs/".Length)..]);
        }

        return Error(404, "NOT_FOUND", "no such registry route");
    }

    private static IResult Manifest(HttpContext context, BundleView view, string name, string reference)
    {
        if (view.Find(name, reference) is not { } image)
        {
            return Error(404, "MANIFEST_UNKNOWN", $"manifest {name}:{reference} is not in this bundle");
        }

        var accept = string.Join(',', context.Request.Headers.Accept.ToArray());
        var wantsIndex = reference == image.IndexDigest
            || (reference != image.ManifestDigest && image.IndexDigest is not null && image.IndexMediaType is { } indexType
                && accept.Contains(indexType, StringComparison.Ordinal));
        var (digest, mediaType) = wantsIndex ? (image.IndexDigest!, image.IndexMediaType!) : (image.ManifestDigest, image.ManifestMediaType);
        if (!view.Store.Has(digest))
        {
            return Error(404, "MANIFEST_UNKNOWN", $"manifest {digest} is missing from the bundle's store");
        }

        context.Response.Headers[DigestHeader] = digest;
        return Results.File(view.Store.GetPath(digest), mediaType, entityTag: new EntityTagHeaderValue("\"" + digest + "\""));
    }

    private static IResult Blob(BundleView view, string name, string digest)
    {
        var images = view.Tags(name) is null ? [] : new[] { name };
        var known = ContentDigest.IsValid(digest) && images.Length > 0
            && view.Manifest.Images.Values.Any(i => BundleView.ServedRepository(i.Registry, i.Repository) == name && i.Blobs.Contains(digest));
        if (!known || !view.Store.Has(digest))
        {
            return Error(404, "BLOB_UNKNOWN", $"blob {digest} is not in repository {name}");
        }

        return new BlobResult(view.Store.GetPath(digest), digest);
    }

    private static bool IsRead(HttpRequest request) => HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);

    private static IResult Unsupported() => Error(405, "UNSUPPORTED", "this registry is read-only");

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { errors = new[] { new { code, message, detail = (object?)null } } }, (JsonSerializerOptions?)null, "application/json", status);

    /// <summary>A blob with Range support and its Docker-Content-Digest header.</summary>
    private sealed class BlobResult(string path, string digest) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers[DigestHeader] = digest;
            return Results.File(path, "application/octet-stream", entityTag: new EntityTagHeaderValue("\"" + digest + "\""), enableRangeProcessing: true)
                .ExecuteAsync(httpContext);
        }
    }
}
