using System.Net;
using System.Text.Json.Serialization;
using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Marathon.Errors;

/// <summary>
/// 403 from an upstream service, or a resource URL the proxy refuses. The message keeps DC/OS Cosmos's missing
/// space before the destination (<c>while accessinghttps://…</c>).
/// </summary>
public sealed record Forbidden(string ServiceName, string? Destination = null)
    : CosmosError($"Unable to complete request due to Forbidden response from service [{ServiceName}]"
        + (Destination is null ? string.Empty : " while accessing" + Destination))
{
    [JsonPropertyName("status")] public int StatusCode => (int)HttpStatusCode.Forbidden;

    [JsonIgnore] public override HttpStatusCode Status => HttpStatusCode.Forbidden;
}
