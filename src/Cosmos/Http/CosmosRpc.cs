using System.Net;
using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Http;

/// <summary>
/// Maps Cosmos RPC endpoints with the transport rules of cosmos-api.md §1: strict Accept/Content-Type
/// negotiation, request validation errors (<c>not_present</c>, <c>not_valid</c>, <c>not_parsed</c>,
/// <c>multiple_errors</c> in the order Accept, Host, X-Forwarded-Proto, Content-Type, body), the error envelope
/// with the error media type, and responses with null members dropped at every depth.
/// </summary>
public static class CosmosRpc
{
    /// <summary>
    /// Maps <c>POST path</c>. <paramref name="requestKind"/> such as <c>package.search-request</c> (request media type
    /// <c>application/vnd.dcos.{requestKind}+json;charset=utf-8;version=v1</c>); <paramref name="responseKind"/> such
    /// as <c>package.describe-response</c> with <paramref name="responseVersions"/> such as <c>["v3", "v2"]</c>.
    /// The handler returns the response body (serialised with nulls dropped at every depth) or throws CosmosException.
    /// Required request fields are the constructor parameters of <typeparamref name="TRequest"/> that are neither
    /// nullable nor defaulted; unknown fields are ignored.
    /// </summary>
    public static RouteHandlerBuilder MapCosmosRpc<TRequest>(
        this IEndpointRouteBuilder app,
        string path,
        string requestKind,
        string responseKind,
        IReadOnlyList<string> responseVersions,
        Func<CosmosRpcContext<TRequest>, CancellationToken, Task<object>> handler)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(requestKind);
        ArgumentNullException.ThrowIfNull(responseVersions);
        ArgumentNullException.ThrowIfNull(handler);
        var mediaTypes = new RpcMediaTypes(requestKind, responseKind, responseVersions);
        return app.MapPost(path, (HttpContext http, CancellationToken cancellationToken) => InvokeAsync(http, mediaTypes, handler, cancellationToken));
    }

    /// <summary>
    /// Maps <c>GET path</c> for an RPC without a body (such as <c>/capabilities</c>): Accept is negotiated as for
    /// <see cref="MapCosmosRpc{TRequest}"/>, no Content-Type is needed. The handler gets the negotiated version.
    /// </summary>
    public static RouteHandlerBuilder MapCosmosGet(
        this IEndpointRouteBuilder app,
        string path,
        string responseKind,
        IReadOnlyList<string> responseVersions,
        Func<CosmosRpcContext<CosmosNoBody>, CancellationToken, Task<object>> handler)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(responseVersions);
        ArgumentNullException.ThrowIfNull(handler);
        var mediaTypes = new RpcMediaTypes(null, responseKind, responseVersions);
        return app.MapGet(path, (HttpContext http, CancellationToken cancellationToken) => InvokeAsync(http, mediaTypes, handler, cancellationToken));
    }

    /// <summary>
    /// Marks a changing RPC: the <see cref="Universe.Auth.AccessPolicies.Change"/> policy needs the token when one is
    /// configured, and a loopback-only listener when none is; 401 Unauthorized otherwise.
    /// </summary>
    public static RouteHandlerBuilder RequireCosmosToken(this RouteHandlerBuilder builder) =>
        builder.RequireAuthorization(Universe.Auth.AccessPolicies.Change);

    private static async Task InvokeAsync<TRequest>(
        HttpContext http,
        RpcMediaTypes mediaTypes,
        Func<CosmosRpcContext<TRequest>, CancellationToken, Task<object>> handler,
        CancellationToken cancellationToken)
    {
        var request = http.Request;
        List<RequestItemError>? errors = null;

        var (selected, acceptError) = mediaTypes.Negotiate(request.Headers.Accept.ToString());
        Add(ref errors, acceptError);
        Add(ref errors, request.Headers.Host.Count == 0 || string.IsNullOrEmpty(request.Headers.Host[0]) ? RequestItemError.HeaderNotPresent("Host") : null);
        Add(ref errors, ForwardedProto.Check(request.Headers));

        var body = mediaTypes.RequestType is null ? (TRequest)(object)CosmosNoBody.Instance : default;
        if (mediaTypes.RequestType is not null)
        {
            Add(ref errors, mediaTypes.CheckContentType(request.ContentType));
            var (decoded, bodyError) = await RequestBodyDecoder.ReadAsync<TRequest>(request.BodyReader, cancellationToken);
            Add(ref errors, bodyError);
            body = decoded;
        }

        if (errors is not null)
        {
            await WriteRequestErrorsAsync(http, errors, cancellationToken);
            return;
        }

        object result;
        try
        {
            result = await handler(new CosmosRpcContext<TRequest>(body!, selected!["version"]!, http), cancellationToken);
        }
        catch (CosmosException exception) when (!http.Response.HasStarted)
        {
            await CosmosErrorWriter.WriteAsync(http, exception.Error, cancellationToken);
            return;
        }

        var bytes = result is CosmosRawJson raw ? raw.Utf8Json : CosmosJson.SerializeToUtf8Bytes(result);
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = selected!.ToString();
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, cancellationToken);
    }

    private static void Add(ref List<RequestItemError>? errors, RequestItemError? error)
    {
        if (error is not null)
        {
            (errors ??= []).Add(error);
        }
    }

    private static Task WriteRequestErrorsAsync(HttpContext http, List<RequestItemError> errors, CancellationToken cancellationToken)
    {
        var response = errors.Count == 1
            ? new ErrorResponse(errors[0].Type, errors[0].Message)
            : new ErrorResponse(
                "multiple_errors",
                "Multiple errors while processing request",
                System.Text.Json.JsonSerializer.SerializeToElement(new { errors }, CosmosJson.ResponseOptions));
        return CosmosErrorWriter.WriteAsync(http, HttpStatusCode.BadRequest, response, cancellationToken);
    }
}
