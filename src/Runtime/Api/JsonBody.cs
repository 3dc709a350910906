using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Net.Http.Headers;
using Universe.IO;

namespace Universe.Runtime.Api;

/// <summary>
/// Reads a request body as JSON. Like Marathon's resources (<c>@Consumes(application/json)</c>), a body declared as
/// another media type is refused with 415 <c>{"message":"Unsupported Media Type"}</c>; no Content-Type is accepted.
/// Malformed JSON becomes Marathon's 400 <c>Invalid JSON</c>.
/// </summary>
internal static class JsonBody
{
    private const long MaxBodyBytes = 16 * 1024 * 1024;

    public static async Task<(JsonNode? Node, IResult? Error)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!IsJsonOrUnspecified(request.ContentType))
        {
            return (null, MarathonResults.Message(StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type"));
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, MarathonResults.Message(StatusCodes.Status413PayloadTooLarge, "Request body too large"));
        }

        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken);
            if (buffer.Length > MaxBodyBytes)
            {
                return (null, MarathonResults.Message(StatusCodes.Status413PayloadTooLarge, "Request body too large"));
            }

            if (buffer.Length == 0)
            {
                return (null, MarathonResults.InvalidJson("No content to map due to end-of-input"));
            }

            if (StrictJson.Check(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)) is { } problem)
            {
                return (null, MarathonResults.InvalidJson(problem));
            }

            buffer.Position = 0;
            var node = await JsonNode.ParseAsync(buffer, cancellationToken: cancellationToken);
            return node is null ? (null, MarathonResults.InvalidJson("null body")) : (node, null);
        }
        catch (JsonException ex)
        {
            return (null, MarathonResults.InvalidJson(ex.Message));
        }
    }

    public static async Task<(JsonObject? Object, IResult? Error)> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (node, error) = await ReadAsync(request, cancellationToken);
        if (error is not null)
        {
            return (null, error);
        }

        return node is JsonObject obj
            ? (obj, null)
            : (null, MarathonResults.Json(
                new JsonObject { ["message"] = "Invalid JSON", ["details"] = new JsonArray { new JsonObject { ["path"] = "/", ["errors"] = new JsonArray { "error.expected.jsobject" } } } },
                StatusCodes.Status400BadRequest));
    }

    /// <summary>True for no Content-Type and for <c>application/json</c> with any parameters (Jersey's matching).</summary>
    public static bool IsJsonOrUnspecified(string? contentType) =>
        string.IsNullOrEmpty(contentType)
        || (MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            && parsed.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));

    public static bool Flag(HttpRequest request, string name, bool fallback = false)
    {
        var value = request.Query[name].ToString();
        return value.Length == 0 ? fallback : value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1";
    }
}
