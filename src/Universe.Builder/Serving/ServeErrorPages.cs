using Universe.Http;
using System.Net;
using System.Text.Json;

namespace Universe.Builder.Serving;

/// <summary>
/// Gives every error the endpoints did not write themselves (routing 404/405, bad requests the framework rejects) a body
/// in the repo server's error shape, so no client ever sees an empty 4xx.
/// </summary>
public static class ServeErrorPages
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>The error pages, then the request-line and header limits (whose 414/431 they answer).</summary>
    public static IApplicationBuilder UseServeErrorPages(this IApplicationBuilder app) =>
        app.UseStatusCodePages(async context =>
        {
            var response = context.HttpContext.Response;
            var status = response.StatusCode;
            var type = status switch
            {
                StatusCodes.Status404NotFound => "NotFound",
                StatusCodes.Status405MethodNotAllowed => "MethodNotAllowed",
                StatusCodes.Status414RequestUriTooLong => "UriTooLong",
                StatusCodes.Status431RequestHeaderFieldsTooLarge => "RequestHeaderFieldsTooLarge",
                _ => "BadRequest",
            };
            var request = context.HttpContext.Request;
            var message = status == StatusCodes.Status405MethodNotAllowed
                ? $"Method {request.Method} is not allowed here; this server is read-only (GET and HEAD)"
                : $"{(int)status} {ReasonPhrase(status)}";
            response.ContentType = "application/json; charset=utf-8";
            await JsonSerializer.SerializeAsync(
                response.Body,
                new ServeError(type, message, new Dictionary<string, string?>()),
                Web,
                context.HttpContext.RequestAborted);
        }).UseRequestLimits();

    private static string ReasonPhrase(int status) =>
        Enum.IsDefined(typeof(HttpStatusCode), status) ? ((HttpStatusCode)status).ToString() : "Error";
}
