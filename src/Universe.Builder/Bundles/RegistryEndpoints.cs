using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Net.Http.Headers;
using Universe.Registry;

namespace Universe.Builder.Bundles;

/// <summary>
/// A read-only Docker Registry HTTP API v2 over the bundle's images: <c>/v2/</c>, <c>/v2/_catalog</c>,
/// <c>/v2/&lt;name&gt;/tags/list</c>, <c>/v2/&lt;name&gt;/manifests/&lt;tag|digest&gt;</c> (the index when the client
/// accepts one and the image has one, else the linux/amd64 manifest; <c>Docker-Content-Digest</c> and the stored media
/// type) and <c>/v2/&lt;name&gt;/blobs/&lt;digest&gt;</c> (with Range). GET and HEAD; writes answer 405 UNSUPPORTED.
/// Routes are read from the right, so a repository with a <c>manifests</c> or <c>blobs</c> component works; a malformed
/// name is 400 NAME_INVALID, a malformed digest 400 DIGEST_INVALID, an unknown repository 404 NAME_UNKNOWN.
/// </summary>
public static partial class RegistryEndpoints
{
    private const string ApiVersionHeader = "Docker-Distribution-API-Version";
    private const string DigestHeader = "Docker-Content-Digest";
    private const string TagsList = "/tags/list";
    private const int MaxNameLength = 255;

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

        // From the right: a repository name may itself have a "manifests", "blobs" or "tags" component.
        var (route, name, reference) = path.EndsWith(TagsList, StringComparison.Ordinal) ? (TagsList, path[..^TagsList.Length], string.Empty)
            : path.LastIndexOf('/') is var slash and > 0 && path.LastIndexOf('/', slash - 1) is var before and > 0
                ? (path[(before + 1)..slash], path[..before], path[(slash + 1)..])
                : (string.Empty, string.Empty, string.Empty);
        if (route is not (TagsList or "manifests" or "blobs"))
        {
            return Error(404, "NOT_FOUND", "no such registry route");
        }

        if (name.Length > MaxNameLength || !NamePattern().IsMatch(name))
        {
            return Error(400, "NAME_INVALID", $"invalid repository name {BundleManifestRules.Shown(name)}: lowercase components [a-z0-9] joined by . _ __ - and /, at most {MaxNameLength} characters");
        }

        if (!view.HasRepository(name))
        {
            return Error(404, "NAME_UNKNOWN", $"repository {name} is not in this bundle");
        }

        if (route != TagsList && (route == "blobs" || reference.Contains(':', StringComparison.Ordinal)) && !ContentDigest.IsValid(reference))
        {
            return Error(400, "DIGEST_INVALID", $"invalid digest {BundleManifestRules.Shown(reference)}: expected sha256:<64 lowercase hex>");
        }

        return route switch
        {
            TagsList => Results.Json(new { name, tags = view.Tags(name) }),
            "manifests" => Manifest(context, view, name, reference),
            _ => Blob(view, name, reference),
        };
    }

    private static IResult Manifest(HttpContext context, BundleView view, string name, string reference)
    {
        if (view.Find(name, reference) is not { } image)
        {
            return Error(404, "MANIFEST_UNKNOWN", $"manifest {name}:{BundleManifestRules.Shown(reference)} is not in this bundle");
        }

        var accept = string.Join(',', context.Request.Headers.Accept.ToArray());
        var wantsIndex = reference == image.IndexDigest
            || (reference != image.ManifestDigest && image.IndexDigest is not null && image.IndexMediaType is { } indexType
                && accept.Contains(indexType, StringComparison.Ordinal));
        var (digest, mediaType) = wantsIndex ? (image.IndexDigest!, image.IndexMediaType!) : (image.ManifestDigest, image.ManifestMediaType);
        if (view.ServablePath(digest) is not { } path)
        {
            return Error(404, "MANIFEST_UNKNOWN", $"manifest {digest} is missing from the bundle's store");
        }

        context.Response.Headers[DigestHeader] = digest;
        return Results.File(path, mediaType, entityTag: new EntityTagHeaderValue("\"" + digest + "\""));
    }

    private static IResult Blob(BundleView view, string name, string digest) =>
        view.HasBlob(name, digest) && view.ServablePath(digest) is { } path
            ? new BlobResult(path, digest)
            : Error(404, "BLOB_UNKNOWN", $"blob {digest} is not in repository {name}");

    private static bool IsRead(HttpRequest request) => HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);

    private static IResult Unsupported() => Error(405, "UNSUPPORTED", "this registry is read-only");

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { errors = new[] { new { code, message, detail = (object?)null } } }, (JsonSerializerOptions?)null, "application/json", status);

    // The repository name grammar of the OCI distribution spec.
    [GeneratedRegex(@"^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

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
