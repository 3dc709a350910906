using System.Net;
using System.Text.Json.Serialization;
using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Marathon.Errors;

/// <summary>Marathon answered 4xx with a body that is not <c>{message, …}</c>. 500.</summary>
public sealed record MarathonGenericError(int MarathonStatus)
    : CosmosError($"Received response status code {MarathonStatus} from Marathon")
{
    [JsonPropertyName("status")] public int StatusCode => (int)HttpStatusCode.InternalServerError;

    [JsonIgnore] public override HttpStatusCode Status => HttpStatusCode.InternalServerError;
}
