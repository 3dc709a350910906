using Universe.Cosmos.Http;

namespace Universe.Cosmos.Catalog;

/// <summary>The catalog RPCs: capabilities, package/search, package/describe (v3, v2), package/list-versions.</summary>
internal static class CatalogEndpoints
{
    private static readonly CapabilitiesResponse Capabilities = new(
        [new("PACKAGE_MANAGEMENT"), new("SUPPORT_CLUSTER_REPORT"), new("METRONOME"), new("LOGGING"), new("LOGGING_V2")]);

    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder app)
    {
        app.MapCosmosGet("/capabilities", "capabilities", ["v1"], (_, _) => Task.FromResult<object>(Capabilities)).AllowAnonymous();
        app.MapCosmosRpc<SearchRequest>("/package/search", "package.search-request", "package.search-response", ["v1"], SearchAsync);
        app.MapCosmosRpc<DescribeRequest>("/package/describe", "package.describe-request", "package.describe-response", ["v3", "v2"], DescribeAsync);
        app.MapCosmosRpc<ListVersionsRequest>("/package/list-versions", "package.list-versions-request", "package.list-versions-response", ["v1"], ListVersionsAsync);
        return app;
    }

    private static async Task<object> SearchAsync(CosmosRpcContext<SearchRequest> context, CancellationToken cancellationToken)
    {
        var index = await Service<CatalogIndexProvider>(context.HttpContext).GetAsync(cancellationToken);
        return new CosmosRawJson(SearchResponses.Get(index, context.Request.Query, ResourceUrls.BaseUri(context.HttpContext.Request)));
    }

    private static async Task<object> DescribeAsync(CosmosRpcContext<DescribeRequest> context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var package = await Service<IPackageResolver>(context.HttpContext).ResolveAsync(request.PackageName, request.PackageVersion, cancellationToken);
        var baseUri = ResourceUrls.BaseUri(context.HttpContext.Request);
        return context.ResponseVersion == "v2"
            ? PackageJson.ToV2Describe(package, baseUri)
            : new DescribeResponse(PackageJson.ToDefinition(package, baseUri));
    }

    private static async Task<object> ListVersionsAsync(CosmosRpcContext<ListVersionsRequest> context, CancellationToken cancellationToken)
    {
        var index = await Service<CatalogIndexProvider>(context.HttpContext).GetAsync(cancellationToken);
        var versions = index.Versions(context.Request.PackageName);
        if (versions.Count == 0)
        {
            throw new Errors.CosmosException(new Errors.PackageNotFound(context.Request.PackageName));
        }

        var results = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var version in versions)
        {
            results.TryAdd(version.Package.Version, version.Package.ReleaseVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return new ListVersionsResponse(results);
    }

    private static T Service<T>(HttpContext httpContext)
        where T : notnull => httpContext.RequestServices.GetRequiredService<T>();
}
