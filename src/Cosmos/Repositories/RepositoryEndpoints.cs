using Universe.Cosmos.Http;

namespace Universe.Cosmos.Repositories;

/// <summary>The repository RPCs: <c>POST /package/repository/list|add|delete</c> (cosmos-api.md §2.9, §7).</summary>
internal static class RepositoryEndpoints
{
    private static readonly string[] Versions = ["v1"];

    public static IEndpointRouteBuilder MapRepositoryRpcs(this IEndpointRouteBuilder app)
    {
        app.MapCosmosRpc(
            "/package/repository/list", "package.repository.list-request", "package.repository.list-response", Versions, ListAsync);
        app.MapCosmosRpc(
            "/package/repository/add", "package.repository.add-request", "package.repository.add-response", Versions, AddAsync)
            .RequireCosmosToken();
        app.MapCosmosRpc(
            "/package/repository/delete", "package.repository.delete-request", "package.repository.delete-response", Versions, DeleteAsync)
            .RequireCosmosToken();
        return app;
    }

    private static async Task<CosmosOk<RepositoryListResponse>> ListAsync(
        CosmosRpcRequest<RepositoryListRequest> rpc, RepositoryRegistry registry, CancellationToken cancellationToken) =>
        rpc.Ok(new RepositoryListResponse(await registry.ListAsync(cancellationToken)));

    private static async Task<CosmosOk<RepositoryListResponse>> AddAsync(
        CosmosRpcRequest<RepositoryAddRequest> rpc, RepositoryRegistry registry, CancellationToken cancellationToken) =>
        rpc.Ok(new RepositoryListResponse(await registry.AddAsync(rpc.Body, cancellationToken)));

    private static async Task<CosmosOk<RepositoryListResponse>> DeleteAsync(
        CosmosRpcRequest<RepositoryDeleteRequest> rpc, RepositoryRegistry registry, CancellationToken cancellationToken) =>
        rpc.Ok(new RepositoryListResponse(await registry.DeleteAsync(rpc.Body, cancellationToken)));
}
