using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;
using Universe.Registry;

namespace Universe.Builder.Bundles;

/// <summary>
/// The bundle's own routes beside the repo routes (GET and HEAD):
/// <code>
/// /resources/{hex}/{name}   a mirrored HTTP resource: Content-Length, Range, ETag, Last-Modified, its type
/// /certs/ca.crt             the CA of a generated TLS certificate (when there is one)
/// /v2/…                     the read-only Docker Registry v2 API (<see cref="RegistryEndpoints"/>)
/// </code>
/// </summary>
public static class BundleEndpoints
{
    private static readonly string[] GetHead = [HttpMethods.Get, HttpMethods.Head];
    private static readonly FileExtensionContentTypeProvider Types = new();

    public static IEndpointRouteBuilder MapBundleEndpoints(this IEndpointRouteBuilder app, string? caCertificateFile)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapMethods("/resources/{hex}/{name}", GetHead, ResourceAsync);
        if (caCertificateFile is not null)
        {
            app.MapMethods("/certs/ca.crt", GetHead, () => Results.File(caCertificateFile, "application/x-x509-ca-cert", "ca.crt"));
        }

        app.MapRegistryEndpoints();
        return app;
    }

    private static async Task<IResult> ResourceAsync(string hex, string name, BundleRepoSource source, CancellationToken cancellationToken)
    {
        var view = await source.GetViewAsync(cancellationToken);
        var digest = ContentDigest.Sha256Prefix + hex;
        if (!ContentDigest.IsValid(digest) || !view.ResourceTypes.TryGetValue(digest, out var storedType) || view.ServablePath(digest) is not { } path)
        {
            return Results.Json(new { type = "NotFound", message = $"No resource [{hex}] in this bundle" }, statusCode: 404);
        }

        var type = storedType is { Length: > 0 } stored && stored != "application/octet-stream"
            ? stored
            : Types.TryGetContentType(name, out var byName) ? byName : "application/octet-stream";
        return Results.File(
            path,
            type,
            lastModified: File.GetLastWriteTimeUtc(path),
            entityTag: new EntityTagHeaderValue("\"" + hex + "\""),
            enableRangeProcessing: true);
    }
}
