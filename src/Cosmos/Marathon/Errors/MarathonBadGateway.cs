using System.Net;
using System.Text.Json.Serialization;
using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Marathon.Errors;

/// <summary>Marathon answered 5xx. 502.</summary>
public sealed record MarathonBadGateway(int MarathonStatus)
    : CosmosError($"Received response status code {MarathonStatus} from Marathon")
{
    [JsonPropertyName("status")] public int StatusCode => (int)HttpStatusCode.BadGateway;

    [JsonIgnore] public override HttpStatusCode Status => HttpStatusCode.BadGateway;
}
