using Microsoft.AspNetCore.Http.HttpResults;
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
        app.MapCosmosRpc("/package/install", "package.install-request", "package.install-response", ["v2", "v1"], InstallAsync)
            .RequireCosmosToken().CountsAs(CosmosOperation.Install);
        app.MapCosmosRpc("/package/uninstall", "package.uninstall-request", "package.uninstall-response", ["v1"], UninstallAsync)
            .RequireCosmosToken().CountsAs(CosmosOperation.Uninstall);
        app.MapCosmosRpc("/package/list", "package.list-request", "package.list-response", ["v1"], ListAsync);
        app.MapCosmosRpc("/service/describe", "service.describe-request", "service.describe-response", ["v1"], DescribeAsync);
        app.MapCosmosRpc("/service/update", "service.update-request", "service.update-response", ["v1"], UpdateAsync)
            .RequireCosmosToken().CountsAs(CosmosOperation.Update);
        app.MapCosmosRpc("/service/history", "service.history-request", "service.history-response", ["v1"], HistoryAsync);
        app.MapCosmosRpc("/service/diff", "service.diff-request", "service.diff-response", ["v1"], DiffAsync);
        app.MapCosmosRpc("/service/rollback", "service.rollback-request", "service.rollback-response", ["v1"], RollbackAsync)
            .RequireCosmosToken();
        app.MapGet("/package/resource", ResourceProxyEndpoint.HandleAsync);
        return app;
    }

    private static async Task<Results<CosmosOk<InstallResponse>, CosmosOk<InstallResponseV1>>> InstallAsync(
        CosmosRpcRequest<InstallRequest> rpc, PackageInstaller installer, HttpRequest request, CancellationToken cancellationToken)
    {
        var v1 = rpc.ResponseVersion == "v1";
        var response = await installer.InstallAsync(rpc.Body, v1, ResourceUrls.ProxyPrefix(request), cancellationToken);
        return v1 ? rpc.Ok(new InstallResponseV1(response.PackageName, response.PackageVersion, response.AppId!)) : rpc.Ok(response);
    }

    private static async Task<CosmosOk<UninstallResponse>> UninstallAsync(
        CosmosRpcRequest<UninstallRequest> rpc, PackageUninstaller uninstaller, CancellationToken cancellationToken) =>
        rpc.Ok(await uninstaller.UninstallAsync(rpc.Body, cancellationToken));

    private static async Task<CosmosOk<ListResponse>> ListAsync(
        CosmosRpcRequest<ListRequest> rpc, InstalledPackages packages, HttpRequest request, CancellationToken cancellationToken)
    {
        var installed = await packages.ListAsync(rpc.Body.PackageName, rpc.Body.AppId, cancellationToken);
        var prefix = ResourceUrls.ProxyPrefix(request);
        return rpc.Ok(new ListResponse([.. installed.Select(p => ListEntries.ToInstallation(p, prefix))]));
    }

    private static async Task<CosmosOk<ServiceDescribeResponse>> DescribeAsync(
        CosmosRpcRequest<ServiceDescribeRequest> rpc, ServiceDescriber describer, HttpRequest request, CancellationToken cancellationToken) =>
        rpc.Ok(await describer.DescribeAsync(rpc.Body, ResourceUrls.ProxyPrefix(request), cancellationToken));

    private static async Task<CosmosOk<ServiceHistoryResponse>> HistoryAsync(
        CosmosRpcRequest<ServiceHistoryRequest> rpc, ServiceHistory history, CancellationToken cancellationToken) =>
        rpc.Ok(await history.HistoryAsync(rpc.Body, cancellationToken));

    private static async Task<CosmosOk<ServiceDiffResponse>> DiffAsync(
        CosmosRpcRequest<ServiceDiffRequest> rpc, ServiceDiffer differ, CancellationToken cancellationToken) =>
        rpc.Ok(await differ.DiffAsync(rpc.Body, cancellationToken));

    private static async Task<CosmosOk<ServiceRollbackResponse>> RollbackAsync(
        CosmosRpcRequest<ServiceRollbackRequest> rpc, ServiceRollback rollback, CancellationToken cancellationToken) =>
        rpc.Ok(await rollback.RollbackAsync(rpc.Body, cancellationToken));

    private static async Task<CosmosOk<ServiceUpdateResponse>> UpdateAsync(
        CosmosRpcRequest<ServiceUpdateRequest> rpc, ServiceUpdater updater, CancellationToken cancellationToken) =>
        rpc.Ok(await updater.UpdateAsync(rpc.Body, cancellationToken));
}
