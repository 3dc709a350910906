using Microsoft.AspNetCore.Http.HttpResults;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Http;

namespace Universe.Cosmos.Catalog;

/// <summary>The catalog RPCs: capabilities, package/search, package/describe (v3, v2), package/list-versions.</summary>
internal static class CatalogEndpoints
{
    private static readonly CapabilitiesResponse Capabilities = new(
        [new("PACKAGE_MANAGEMENT"), new("SUPPORT_CLUSTER_REPORT"), new("METRONOME"), new("LOGGING"), new("LOGGING_V2")]);

    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        app.MapCosmosGet("/capabilities", "capabilities", ["v1"], GetCapabilities).AllowAnonymous();
        app.MapCosmosRpc("/package/search", "package.search-request", "package.search-response", ["v1"], SearchAsync);
        app.MapCosmosRpc("/package/describe", "package.describe-request", "package.describe-response", ["v3", "v2"], DescribeAsync);
        app.MapCosmosRpc("/package/list-versions", "package.list-versions-request", "package.list-versions-response", ["v1"], ListVersionsAsync);
        return app;
    }

    private static CosmosOk<CapabilitiesResponse> GetCapabilities(CosmosRpcRequest<CosmosNoBody> rpc) => rpc.Ok(Capabilities);

    private static async Task<CosmosOk<CosmosRawJson>> SearchAsync(
        CosmosRpcRequest<SearchRequest> rpc, CatalogIndexProvider catalog, HttpRequest request, CancellationToken cancellationToken)
    {
        var index = await catalog.GetAsync(cancellationToken);
        return rpc.Ok(new CosmosRawJson(SearchResponses.Get(index, rpc.Body.Query, ResourceUrls.BaseUri(request))));
    }

    private static async Task<Results<CosmosOk<DescribeResponse>, CosmosOk<System.Text.Json.Nodes.JsonObject>>> DescribeAsync(
        CosmosRpcRequest<DescribeRequest> rpc, IPackageResolver resolver, HttpRequest request, CancellationToken cancellationToken)
    {
        var package = await resolver.ResolveAsync(rpc.Body.PackageName, rpc.Body.PackageVersion, cancellationToken);
        var baseUri = ResourceUrls.BaseUri(request);
        return rpc.ResponseVersion == "v2"
            ? rpc.Ok(PackageJson.ToV2Describe(package, baseUri))
            : rpc.Ok(new DescribeResponse(PackageJson.ToDefinition(package, baseUri)));
    }

    private static async Task<Results<CosmosOk<ListVersionsResponse>, CosmosErrorResult>> ListVersionsAsync(
        CosmosRpcRequest<ListVersionsRequest> rpc, CatalogIndexProvider catalog, CancellationToken cancellationToken)
    {
        var index = await catalog.GetAsync(cancellationToken);
        var versions = index.Versions(rpc.Body.PackageName);
        if (versions.Count == 0)
        {
            return CosmosErrorResult.From(new PackageNotFound(rpc.Body.PackageName));
        }

        var results = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var version in versions)
        {
            results.TryAdd(version.Package.Version, version.Package.ReleaseVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return rpc.Ok(new ListVersionsResponse(results));
    }
}
