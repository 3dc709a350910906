using Universe.Cosmos.Errors;
using Universe.Cosmos.Http;

namespace Universe.Cosmos.Services;

/// <summary>
/// Protects the bundled Runtime's Marathon API under <c>/marathon</c> like Cosmos's own mutating RPCs: a POST, PUT,
/// PATCH or DELETE needs <c>Authorization: Bearer {Cosmos:Auth:Token}</c> when a token is configured, and is refused
/// off-loopback without one (<see cref="CosmosTokenGuard"/>), since it can start arbitrary commands. Reads stay open.
/// Cosmos's own Marathon client sends the token.
/// </summary>
internal static class MarathonApiGuard
{
    public static TBuilder RequireCosmosTokenForChanges<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            var inner = endpoint.RequestDelegate;
            if (inner is null)
            {
                return;
            }

            endpoint.RequestDelegate = async http =>
            {
                if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method)
                    && CosmosTokenGuard.Check(http) is { } error)
                {
                    http.Response.Headers.WWWAuthenticate = "Bearer";
                    await CosmosErrorWriter.WriteAsync(http, error, http.RequestAborted);
                    return;
                }

                await inner(http);
            };
        });
        return builder;
    }
}
