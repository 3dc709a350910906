using System.Reflection;

namespace Universe.Cosmos.Http;

/// <summary>
/// The handler parameter of a Cosmos RPC (<see cref="CosmosRpc.MapCosmosRpc"/>): the decoded body and the negotiated
/// response media type. Bound from the request by <see cref="BindAsync"/>, which checks Accept, Host,
/// X-Forwarded-Proto, Content-Type and the body in that order; the RPC's endpoint filter answers the errors found
/// before the handler runs, so a handler only ever sees a valid request.
/// </summary>
public sealed class CosmosRpcRequest<TBody> : ICosmosRpcRequest
{
    private readonly MediaType? _responseType;

    private CosmosRpcRequest(TBody? body, MediaType? responseType, IReadOnlyList<RequestItemError>? errors)
    {
        Body = body!;
        _responseType = responseType;
        Errors = errors;
    }

    /// <summary>The decoded request body (<see cref="CosmosNoBody.Instance"/> for an RPC without one).</summary>
    public TBody Body { get; }

    /// <summary>The negotiated response version, such as <c>v2</c>.</summary>
    public string ResponseVersion => _responseType!["version"]!;

    /// <inheritdoc/>
    IReadOnlyList<RequestItemError>? ICosmosRpcRequest.Errors => Errors;

    private IReadOnlyList<RequestItemError>? Errors { get; }

    /// <summary>200 with <paramref name="value"/> in the negotiated response media type.</summary>
    public CosmosOk<TValue> Ok<TValue>(TValue value)
        where TValue : notnull => new(value, _responseType!.ToString());

#pragma warning disable CA1000 // Minimal APIs find BindAsync as a static member of the parameter type.
    /// <summary>Reads the request against the endpoint's <see cref="RpcMediaTypes"/> metadata; never null.</summary>
    public static async ValueTask<CosmosRpcRequest<TBody>?> BindAsync(HttpContext context, ParameterInfo parameter)
#pragma warning restore CA1000
    {
        ArgumentNullException.ThrowIfNull(context);
        var mediaTypes = context.GetEndpoint()?.Metadata.GetMetadata<RpcMediaTypes>()
            ?? throw new InvalidOperationException($"{parameter?.Name} is bound only on endpoints mapped by MapCosmosRpc/MapCosmosGet");
        var request = context.Request;
        List<RequestItemError>? errors = null;

        var (selected, acceptError) = mediaTypes.Negotiate(request.Headers.Accept.ToString());
        Add(ref errors, acceptError);
        Add(ref errors, request.Headers.Host.Count == 0 || string.IsNullOrEmpty(request.Headers.Host[0]) ? RequestItemError.HeaderNotPresent("Host") : null);
        Add(ref errors, ForwardedProto.Check(request.Headers));

        var body = mediaTypes.RequestType is null ? (TBody)(object)CosmosNoBody.Instance : default;
        if (mediaTypes.RequestType is not null)
        {
            Add(ref errors, mediaTypes.CheckContentType(request.ContentType));
            var (decoded, bodyError) = await RequestBodyDecoder.ReadAsync<TBody>(request.BodyReader, context.RequestAborted);
            Add(ref errors, bodyError);
            body = decoded;
        }

        return new CosmosRpcRequest<TBody>(body, selected, errors);
    }

    private static void Add(ref List<RequestItemError>? errors, RequestItemError? error)
    {
        if (error is not null)
        {
            (errors ??= []).Add(error);
        }
    }
}
