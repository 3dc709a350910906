using Microsoft.AspNetCore.Http.HttpResults;
using Universe.Cosmos.Catalog;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Http;
using Universe.Cosmos.Rendering.Errors;
using Universe.Cosmos.Repositories;

namespace Universe.Cosmos.Rendering;

/// <summary><c>POST /package/render</c> (cosmos-api.md §2.5): steps 2–6 of the install pipeline, no side effects.</summary>
internal static class RenderEndpoints
{
    public const string Path = "/package/render";

    public static RouteHandlerBuilder MapRender(IEndpointRouteBuilder app) =>
        app.MapCosmosRpc(Path, "package.render-request", "package.render-response", ["v1"], RenderAsync);

    private static async Task<Results<CosmosOk<RenderResponse>, CosmosErrorResult>> RenderAsync(
        CosmosRpcRequest<RenderRequest> rpc,
        IPackageResolver resolver,
        IPackageCatalog catalog,
        IPackageRenderer renderer,
        CancellationToken cancellationToken)
    {
        var request = rpc.Body;
        var package = await resolver.ResolveAsync(request.PackageName, request.PackageVersion, cancellationToken);
        if (package.MarathonTemplate is null)
        {
            return CosmosErrorResult.From(new ServiceMarathonTemplateNotFound(package.Name, package.Version));
        }

        var snapshot = await catalog.GetAsync(cancellationToken);
        var source = PackageSources.Find(snapshot, package);
        var result = renderer.Render(package, request.Options, request.AppId, source);
        return rpc.Ok(new RenderResponse(result.MarathonJson!));
    }
}
