using System.Net;
using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Http;

/// <summary>
/// Maps Cosmos RPC endpoints with the transport rules of cosmos-api.md §1: strict Accept/Content-Type
/// negotiation, request validation errors (<c>not_present</c>, <c>not_valid</c>, <c>not_parsed</c>,
/// <c>multiple_errors</c> in the order Accept, Host, X-Forwarded-Proto, Content-Type, body), the error envelope
/// with the error media type, and responses with null members dropped at every depth.
/// </summary>
/// <remarks>
/// A handler is an ordinary minimal-API handler: it takes one <see cref="CosmosRpcRequest{TBody}"/>, the services
/// it needs and a <see cref="CancellationToken"/>, and returns typed results (<see cref="CosmosRpcRequest{TBody}.Ok"/>,
/// <see cref="CosmosErrorResult"/>, or <c>Results&lt;…&gt;</c> of them). A <see cref="CosmosException"/> it throws is
/// answered in the envelope. Required request fields are the constructor parameters of the body type that are
/// neither nullable nor defaulted; unknown fields are ignored.
/// </remarks>
public static class CosmosRpc
{
    /// <summary>
    /// Maps <c>POST path</c>. <paramref name="requestKind"/> such as <c>package.search-request</c> (request media type
    /// <c>application/vnd.dcos.{requestKind}+json;charset=utf-8;version=v1</c>); <paramref name="responseKind"/> such
    /// as <c>package.describe-response</c> with <paramref name="responseVersions"/> such as <c>["v3", "v2"]</c>.
    /// </summary>
    public static RouteHandlerBuilder MapCosmosRpc(
        this IEndpointRouteBuilder app,
        string path,
        string requestKind,
        string responseKind,
        IReadOnlyList<string> responseVersions,
        Delegate handler)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(requestKind);
        ArgumentNullException.ThrowIfNull(responseVersions);
        return Map(app.MapPost(path, CheckHandler(handler)), new RpcMediaTypes(requestKind, responseKind, responseVersions));
    }

    /// <summary>
    /// Maps <c>GET path</c> for an RPC without a body (such as <c>/capabilities</c>): Accept is negotiated as for
    /// <see cref="MapCosmosRpc"/>, no Content-Type is needed; the handler takes a <c>CosmosRpcRequest&lt;CosmosNoBody&gt;</c>.
    /// </summary>
    public static RouteHandlerBuilder MapCosmosGet(
        this IEndpointRouteBuilder app,
        string path,
        string responseKind,
        IReadOnlyList<string> responseVersions,
        Delegate handler)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(responseVersions);
        return Map(app.MapGet(path, CheckHandler(handler)), new RpcMediaTypes(null, responseKind, responseVersions));
    }

    /// <summary>
    /// Marks a changing RPC: the <see cref="Universe.Auth.AccessPolicies.Change"/> policy needs the token when one is
    /// configured, and a loopback-only listener when none is; 401 Unauthorized otherwise.
    /// </summary>
    public static RouteHandlerBuilder RequireCosmosToken(this RouteHandlerBuilder builder) =>
        builder.RequireAuthorization(Universe.Auth.AccessPolicies.Change);

    private static RouteHandlerBuilder Map(RouteHandlerBuilder builder, RpcMediaTypes mediaTypes) =>
        builder.WithMetadata(mediaTypes).AddEndpointFilter(FilterAsync);

    private static Delegate CheckHandler(Delegate handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (!handler.Method.GetParameters().Any(p => typeof(ICosmosRpcRequest).IsAssignableFrom(p.ParameterType)))
        {
            throw new ArgumentException("A Cosmos RPC handler takes a CosmosRpcRequest<TBody> parameter", nameof(handler));
        }

        return handler;
    }

    /// <summary>Answers the request errors found while binding, and a <see cref="CosmosException"/> thrown by the handler, in the envelope.</summary>
    private static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.Arguments.OfType<ICosmosRpcRequest>().First();
        if (request.Errors is { Count: > 0 } errors)
        {
            return RequestErrors(errors);
        }

        try
        {
            return await next(context);
        }
        catch (CosmosException exception) when (!context.HttpContext.Response.HasStarted)
        {
            return CosmosErrorResult.From(exception.Error);
        }
    }

    private static CosmosErrorResult RequestErrors(IReadOnlyList<RequestItemError> errors) =>
        new(
            HttpStatusCode.BadRequest,
            errors.Count == 1
                ? new ErrorResponse(errors[0].Type, errors[0].Message)
                : new ErrorResponse(
                    "multiple_errors",
                    "Multiple errors while processing request",
                    System.Text.Json.JsonSerializer.SerializeToElement(new { errors }, CosmosJson.ResponseOptions)));
}
