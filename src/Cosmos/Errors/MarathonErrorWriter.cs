using System.Text.Json;

namespace Universe.Cosmos.Errors;

/// <summary>
/// Errors under <c>/marathon</c> (the hosted Runtime) keep Marathon's model <c>{message, details?}</c>; everything else
/// in Cosmos answers with the Cosmos envelope (<see cref="CosmosErrorWriter"/>).
/// </summary>
internal static class MarathonErrorWriter
{
    public static bool IsMarathonPath(HttpContext httpContext) =>
        httpContext.Request.PathBase.StartsWithSegments("/marathon", StringComparison.Ordinal)
        || httpContext.Request.Path.StartsWithSegments("/marathon", StringComparison.Ordinal);

    public static async Task WriteAsync(HttpContext httpContext, int status, string message, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["message"] = message });
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        httpContext.Response.ContentLength = bytes.Length;
        await httpContext.Response.Body.WriteAsync(bytes, cancellationToken);
    }
}
