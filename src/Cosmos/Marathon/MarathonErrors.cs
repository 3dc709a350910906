using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Marathon.Errors;

namespace Universe.Cosmos.Marathon;

/// <summary>Marathon's failure statuses as Cosmos errors (cosmos-api.md §4.1). Pure.</summary>
public static class MarathonErrors
{
    /// <summary>The service name Cosmos reports for Marathon.</summary>
    public const string ServiceName = "marathon";

    /// <summary>
    /// The error for a non-success Marathon response: 401 → <c>Unauthorized</c>, 403 → <c>Forbidden</c>, other 4xx with
    /// <c>{"message": String, "details"?}</c> → <c>MarathonBadResponse</c> (else <c>MarathonGenericError</c>, 500), 5xx →
    /// <c>MarathonBadGateway</c> (502). 409 is the caller's to interpret before calling this.
    /// </summary>
    public static CosmosError FromResponse(HttpStatusCode status, string body)
    {
        var code = (int)status;
        if (status == HttpStatusCode.Unauthorized)
        {
            return new Unauthorized(ServiceName);
        }

        if (status == HttpStatusCode.Forbidden)
        {
            return new Forbidden(ServiceName);
        }

        if (code >= 500)
        {
            return new MarathonBadGateway(code);
        }

        if (code >= 400 && TryParseMessage(body, out var message, out var details))
        {
            return new MarathonBadResponse(message, details);
        }

        return new MarathonGenericError(code);
    }

    /// <summary>The error for a Marathon that could not be reached.</summary>
    public static CosmosError Unreachable() => new ServiceUnavailable(ServiceName);

    private static bool TryParseMessage(string body, out string message, out JsonNode? details)
    {
        message = string.Empty;
        details = null;
        try
        {
            if (JsonNode.Parse(body) is JsonObject json && json["message"] is JsonValue m && m.TryGetValue(out string? text))
            {
                message = text;
                details = json["details"] is JsonArray array ? array.DeepClone() : null;
                return true;
            }
        }
        catch (JsonException)
        {
        }

        return false;
    }
}
