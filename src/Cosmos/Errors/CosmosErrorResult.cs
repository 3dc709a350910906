using System.Net;

namespace Universe.Cosmos.Errors;

/// <summary>A Cosmos error as a typed result: the envelope <c>{type, message, data}</c> with the error media type.</summary>
public sealed class CosmosErrorResult(HttpStatusCode status, ErrorResponse response) : IResult, IStatusCodeHttpResult, IContentTypeHttpResult
{
    public ErrorResponse Response => response;

    public int StatusCode => (int)status;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public string ContentType => Http.CosmosMediaTypes.Error;

    /// <summary>The envelope of a domain error, with its own status.</summary>
    public static CosmosErrorResult From(CosmosError error) => new(error.Status, CosmosErrorWriter.ToResponse(error));

    public Task ExecuteAsync(HttpContext httpContext) =>
        CosmosErrorWriter.WriteAsync(httpContext, status, response, httpContext.RequestAborted);
}
