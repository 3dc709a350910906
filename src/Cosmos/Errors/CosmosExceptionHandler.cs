using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Universe.Cosmos.Errors;

/// <summary>
/// Writes every failure that reaches the exception handler middleware in Cosmos's envelope:
/// <see cref="CosmosException"/> as its error; framework request failures as 400 (<c>json_error</c> for a body that
/// is not JSON, <c>not_present</c>/<c>not_valid</c> otherwise); anything else as 500 <c>unhandled_exception</c>,
/// logged once here.
/// </summary>
public sealed partial class CosmosExceptionHandler(ILogger<CosmosExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true;
        }

        var (status, response) = exception switch
        {
            CosmosException cosmos => (cosmos.Error.Status, CosmosErrorWriter.ToResponse(cosmos.Error)),
            BadHttpRequestException bad => BadRequest(bad),
            _ => Unhandled(httpContext, exception),
        };
        await CosmosErrorWriter.WriteAsync(httpContext, status, response, cancellationToken);
        return true;
    }

    internal static (HttpStatusCode Status, ErrorResponse Response) BadRequest(BadHttpRequestException exception)
    {
        var status = exception.StatusCode == StatusCodes.Status413PayloadTooLarge ? HttpStatusCode.RequestEntityTooLarge : HttpStatusCode.BadRequest;
        if (exception.InnerException is JsonException json)
        {
            var kind = json.Path is null ? "parse" : "decode";
            var reason = json.Message;
            var path = json.Path ?? string.Empty;
            var data = JsonSerializer.SerializeToElement(new { type = kind, reason, path });
            return (status, new ErrorResponse("json_error", $"Json decoding failure '{reason}' at: {path}", data));
        }

        var type = exception.Message.StartsWith("Required parameter", StringComparison.Ordinal) ? "not_present" : "not_valid";
        return (status, new ErrorResponse(type, exception.Message));
    }

    private (HttpStatusCode Status, ErrorResponse Response) Unhandled(HttpContext httpContext, Exception exception)
    {
        LogUnhandled(httpContext.Request.Method, httpContext.Request.Path, exception);
        return (HttpStatusCode.InternalServerError, new ErrorResponse("unhandled_exception", exception.Message ?? string.Empty));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception in {Method} {Path}")]
    private partial void LogUnhandled(string method, PathString path, Exception exception);
}
