namespace Universe.Cosmos.Http;

/// <summary>
/// A Cosmos RPC's 200: the value serialised as Cosmos answers (nulls dropped at every depth, or
/// <see cref="CosmosRawJson"/> as is) with the negotiated versioned media type, which <c>TypedResults.Json</c> would
/// not keep byte for byte. Made by <see cref="CosmosRpcRequest{TBody}.Ok"/>.
/// </summary>
public sealed class CosmosOk<TValue>(TValue value, string contentType)
    : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<TValue>, IContentTypeHttpResult
    where TValue : notnull
{
    public TValue Value => value;

    public string ContentType => contentType;

    public int StatusCode => StatusCodes.Status200OK;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    object? IValueHttpResult.Value => value;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var bytes = value is CosmosRawJson raw ? raw.Utf8Json : CosmosJson.SerializeToUtf8Bytes(value);
        httpContext.Response.StatusCode = StatusCode;
        httpContext.Response.ContentType = contentType;
        httpContext.Response.ContentLength = bytes.Length;
        await httpContext.Response.Body.WriteAsync(bytes, httpContext.RequestAborted);
    }
}
