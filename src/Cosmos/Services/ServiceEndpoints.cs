using Universe.Cosmos.Http;
using Universe.Cosmos.Metrics;
using Universe.Cosmos.Services.Lifecycle;
using Universe.Cosmos.Services.Wire;

namespace Universe.Cosmos.Services;

/// <summary>The installed-service RPCs and the resource proxy.</summary>
internal static class ServiceEndpoints
{
    public static IEndpointRouteBuilder MapServiceRpcs(this IEndpointRouteBuilder app)
    {
        app.MapCosmosRpc<InstallRequest>("/package/install", "package.install-request", "package.install-response", ["v2", "v1"], InstallAsync)
            .RequireCosmosToken().CountsAs(CosmosOperation.Install);
        app.MapCosmosRpc<UninstallRequest>("/package/uninstall", "package.uninstall-request", "package.uninstall-response", ["v1"], UninstallAsync)
            .RequireCosmosToken().CountsAs(CosmosOperation.Uninstall);
        app.MapCosmosRpc<ListRequest>("/package/list", "package.list-request", "package.list-response", ["v1"], ListAsync);
        app.MapCosmosRpc<ServiceDescribeRequest>("/service/describe", "service.describe-request", "service.describe-response", ["v1"], DescribeAsync);
        app.MapCosmosRpc<ServiceUpdateRequest>("/service/update", "service.update-request", "service.update-response", ["v1"], UpdateAsync)
            .RequireCosmosToken().CountsAs(CosmosOperation.Update);
        app.MapCosmosRpc<ServiceHistoryRequest>("/service/history", "service.history-request", "service.history-response", ["v1"], HistoryAsync);
        app.MapCosmosRpc<ServiceDiffRequest>("/service/diff", "service.diff-request", "service.diff-response", ["v1"], DiffAsync);
        app.MapCosmosRpc<ServiceRollbackRequest>("/service/rollback", "service.rollback-request", "service.rollback-response", ["v1"], RollbackAsync)
            .RequireCosmosToken();
        app.MapGet("/package/resource", ResourceProxyEndpoint.HandleAsync);
        return app;
    }

    private static async Task<object> InstallAsync(CosmosRpcContext<InstallRequest> context, CancellationToken cancellationToken)
    {
        var installer = context.HttpContext.RequestServices.GetRequiredService<PackageInstaller>();
        var v1 = context.ResponseVersion == "v1";
        var response = await installer.InstallAsync(context.Request, v1, ResourceUrls.ProxyPrefix(context.HttpContext.Request), cancellationToken);
        return v1 ? new InstallResponseV1(response.PackageName, response.PackageVersion, response.AppId!) : response;
    }

    private static async Task<object> UninstallAsync(CosmosRpcContext<UninstallRequest> context, CancellationToken cancellationToken) =>
        await context.HttpContext.RequestServices.GetRequiredService<PackageUninstaller>().UninstallAsync(context.Request, cancellationToken);

    private static async Task<object> ListAsync(CosmosRpcContext<ListRequest> context, CancellationToken cancellationToken)
    {
        var installed = await context.HttpContext.RequestServices.GetRequiredService<InstalledPackages>()
            .ListAsync(context.Request.PackageName, context.Request.AppId, cancellationToken);
        var prefix = ResourceUrls.ProxyPrefix(context.HttpContext.Request);
        return new ListResponse([.. installed.Select(p => ListEntries.ToInstallation(p, prefix))]);
    }

    private static async Task<object> DescribeAsync(CosmosRpcContext<ServiceDescribeRequest> context, CancellationToken cancellationToken) =>
        await context.HttpContext.RequestServices.GetRequiredService<ServiceDescriber>()
            .DescribeAsync(context.Request, ResourceUrls.ProxyPrefix(context.HttpContext.Request), cancellationToken);

    private static async Task<object> HistoryAsync(CosmosRpcContext<ServiceHistoryRequest> context, CancellationToken cancellationToken) =>
        await context.HttpContext.RequestServices.GetRequiredService<ServiceHistory>().HistoryAsync(context.Request, cancellationToken);

    private static async Task<object> DiffAsync(CosmosRpcContext<ServiceDiffRequest> context, CancellationToken cancellationToken) =>
        await context.HttpContext.RequestServices.GetRequiredService<ServiceDiffer>().DiffAsync(context.Request, cancellationToken);

    private static async Task<object> RollbackAsync(CosmosRpcContext<ServiceRollbackRequest> context, CancellationToken cancellationToken) =>
        await context.HttpContext.RequestServices.GetRequiredService<ServiceRollback>().RollbackAsync(context.Request, cancellationToken);

    private static async Task<object> UpdateAsync(CosmosRpcContext<ServiceUpdateRequest> context, CancellationToken cancellationToken) =>
        await context.HttpContext.RequestServices.GetRequiredService<ServiceUpdater>().UpdateAsync(context.Request, cancellationToken);
}
