using System.Net;
using System.Text.Json.Serialization;
using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Marathon.Errors;

/// <summary>An upstream service (<c>marathon</c>) could not be reached. 503.</summary>
public sealed record ServiceUnavailable(string ServiceName)
    : CosmosError($"Unable to complete request due to service [{ServiceName}] unavailability")
{
    [JsonPropertyName("status")] public int StatusCode => (int)HttpStatusCode.ServiceUnavailable;

    [JsonIgnore] public override HttpStatusCode Status => HttpStatusCode.ServiceUnavailable;
}
