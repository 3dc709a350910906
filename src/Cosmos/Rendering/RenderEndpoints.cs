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
        app.MapCosmosRpc<RenderRequest>(Path, "package.render-request", "package.render-response", ["v1"], RenderAsync);

    private static async Task<object> RenderAsync(CosmosRpcContext<RenderRequest> context, CancellationToken cancellationToken)
    {
        var services = context.HttpContext.RequestServices;
        var request = context.Request;
        var package = await services.GetRequiredService<IPackageResolver>()
            .ResolveAsync(request.PackageName, request.PackageVersion, cancellationToken);
        if (package.MarathonTemplate is null)
        {
            throw new CosmosException(new ServiceMarathonTemplateNotFound(package.Name, package.Version));
        }

        var snapshot = await services.GetRequiredService<IPackageCatalog>().GetAsync(cancellationToken);
        var source = PackageSources.Find(snapshot, package);
        var result = services.GetRequiredService<IPackageRenderer>().Render(package, request.Options, request.AppId, source);
        return new RenderResponse(result.MarathonJson!);
    }
}
