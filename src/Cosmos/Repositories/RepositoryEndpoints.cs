using Universe.Cosmos.Http;

namespace Universe.Cosmos.Repositories;

/// <summary>The repository RPCs: <c>POST /package/repository/list|add|delete</c> (cosmos-api.md §2.9, §7).</summary>
internal static class RepositoryEndpoints
{
    private static readonly string[] Versions = ["v1"];

    public static IEndpointRouteBuilder MapRepositoryRpcs(this IEndpointRouteBuilder app)
    {
        app.MapCosmosRpc<RepositoryListRequest>(
            "/package/repository/list", "package.repository.list-request", "package.repository.list-response", Versions, ListAsync);
        app.MapCosmosRpc<RepositoryAddRequest>(
            "/package/repository/add", "package.repository.add-request", "package.repository.add-response", Versions, AddAsync)
            .RequireCosmosToken();
        app.MapCosmosRpc<RepositoryDeleteRequest>(
            "/package/repository/delete", "package.repository.delete-request", "package.repository.delete-response", Versions, DeleteAsync)
            .RequireCosmosToken();
        return app;
    }

    private static async Task<object> ListAsync(CosmosRpcContext<RepositoryListRequest> context, CancellationToken cancellationToken) =>
        new RepositoryListResponse(await Registry(context.HttpContext).ListAsync(cancellationToken));

    private static async Task<object> AddAsync(CosmosRpcContext<RepositoryAddRequest> context, CancellationToken cancellationToken) =>
        new RepositoryListResponse(await Registry(context.HttpContext).AddAsync(context.Request, cancellationToken));

    private static async Task<object> DeleteAsync(CosmosRpcContext<RepositoryDeleteRequest> context, CancellationToken cancellationToken) =>
        new RepositoryListResponse(await Registry(context.HttpContext).DeleteAsync(context.Request, cancellationToken));

    private static RepositoryRegistry Registry(HttpContext http) => http.RequestServices.GetRequiredService<RepositoryRegistry>();
}
